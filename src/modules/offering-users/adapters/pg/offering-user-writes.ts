import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type {
  OfferingUsersTable,
  ResourceMemberSyncStatusesTable,
} from '../../../../platform/db/schema-offering-users.js';

/**
 * Inserts an offering user unless the person already has one at the offering; returns its id
 * and uuid, or undefined when one existed.
 */
export function insertOfferingUser(
  tx: Tx,
  values: Insertable<OfferingUsersTable>,
): Promise<{ id: number; uuid: string } | undefined> {
  return tx
    .insertInto('offering_users')
    .values(values)
    .onConflict((oc) => oc.columns(['offering_id', 'user_id']).doNothing())
    .returning(['id', 'uuid'])
    .executeTakeFirst();
}

/** Sets the given columns of an offering user and stamps `modified`. */
export async function updateOfferingUserRow(
  tx: Tx,
  offeringUserId: number,
  set: Updateable<OfferingUsersTable>,
): Promise<void> {
  await tx
    .updateTable('offering_users')
    .set({ ...set, modified: sql<Date>`now()` })
    .where('id', '=', offeringUserId)
    .execute();
}

/** Deletes an offering user. */
export async function deleteOfferingUserRow(tx: Tx, offeringUserId: number): Promise<void> {
  await tx.deleteFrom('offering_users').where('id', '=', offeringUserId).execute();
}

/** Stores an offering's user attribute flags (JSON), replacing a saved config. */
export async function saveAttributeConfigRow(tx: Tx, offeringId: number, flags: string): Promise<void> {
  await tx
    .insertInto('offering_user_attribute_configs')
    .values({ offering_id: offeringId, flags })
    .onConflict((oc) => oc.column('offering_id').doUpdateSet({ flags, modified: sql<Date>`now()` }))
    .execute();
}

/** Deletes an offering's saved user attribute config (the default applies again). */
export async function deleteAttributeConfigRow(tx: Tx, offeringId: number): Promise<void> {
  await tx.deleteFrom('offering_user_attribute_configs').where('offering_id', '=', offeringId).execute();
}

/** Deletes every member sync status of a resource (a report replaces them all). */
export async function deleteMemberSyncStatuses(tx: Tx, resourceId: number): Promise<void> {
  await tx.deleteFrom('resource_member_sync_statuses').where('resource_id', '=', resourceId).execute();
}

/** Inserts one member sync status. */
export async function insertMemberSyncStatus(
  tx: Tx,
  values: Insertable<ResourceMemberSyncStatusesTable>,
): Promise<void> {
  await tx.insertInto('resource_member_sync_statuses').values(values).execute();
}
