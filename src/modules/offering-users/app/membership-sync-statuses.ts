import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError } from '../../../platform/errors.js';
import { deleteMemberSyncStatuses, insertMemberSyncStatus } from '../adapters/pg/offering-user-writes.js';
import { authorizeProvider, type OfferingRef } from './provider-access.js';

/** One reported member (`MemberSyncStatusEntryRequest`). */
export interface MemberSyncEntry {
  scope_type: 'resource' | 'resource_project';
  role_name: string;
  state: 'error' | 'missing_in_idp' | 'pending' | 'synced';
  username?: string | undefined;
  user_uuid?: string | undefined;
  message?: string | undefined;
}

/** The resource a report is about. */
export interface SyncResource {
  id: number;
  offering: OfferingRef;
  pluginOptions: Record<string, unknown>;
}

/**
 * `POST /api/marketplace-provider-resources/{uuid}/set_membership_sync_statuses/`: a full-replace
 * report from the site agent. Provider permission (403); the offering must opt in with the
 * `enable_membership_sync_status` plugin option (409). An entry whose person cannot be found (by
 * uuid, else by the offering's account username, else by login) is skipped and echoed back.
 */
export async function setMembershipSyncStatuses(
  tx: Tx,
  actor: Actor,
  r: SyncResource,
  entries: readonly MemberSyncEntry[],
): Promise<{ stored: number; skipped: string[] }> {
  await authorizeProvider(tx, actor, r.offering);
  if (r.pluginOptions.enable_membership_sync_status !== true)
    throw new InvalidStateError(
      'membership_sync.disabled',
      'Membership sync status reporting is not enabled for this offering (plugin option enable_membership_sync_status).',
    );
  await deleteMemberSyncStatuses(tx, r.id);
  const skipped: string[] = [];
  let stored = 0;
  for (const e of entries) {
    const userId = await resolveUser(tx, r.offering.id, e);
    if (userId === undefined) {
      skipped.push(e.user_uuid ?? e.username ?? '');
      continue;
    }
    await insertMemberSyncStatus(tx, {
      resource_id: r.id,
      user_id: userId,
      scope_type: e.scope_type,
      role_name: e.role_name,
      state: e.state,
      message: e.message ?? '',
    });
    stored += 1;
  }
  return { stored, skipped };
}

async function resolveUser(tx: Tx, offeringId: number, e: MemberSyncEntry): Promise<number | undefined> {
  if (e.user_uuid)
    return (await tx.selectFrom('users').select('id').where('uuid', '=', e.user_uuid).executeTakeFirst())?.id;
  if (!e.username) return undefined;
  const account = await tx
    .selectFrom('offering_users')
    .select('user_id')
    .where('offering_id', '=', offeringId)
    .where('username', '=', e.username)
    .executeTakeFirst();
  if (account) return account.user_id;
  return (await tx.selectFrom('users').select('id').where('username', '=', e.username).executeTakeFirst())
    ?.id;
}
