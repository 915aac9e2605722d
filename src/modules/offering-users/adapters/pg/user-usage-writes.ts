import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type {
  ComponentUserUsageLimitsTable,
  ComponentUserUsagesTable,
} from '../../../../platform/db/schema-offering-users.js';

/**
 * Inserts one user's amount of a monthly usage, or replaces the amount already recorded for that
 * username; returns the row id.
 */
export async function upsertUserUsage(tx: Tx, values: Insertable<ComponentUserUsagesTable>): Promise<number> {
  const row = await tx
    .insertInto('component_user_usages')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['component_usage_id', 'username']).doUpdateSet((eb) => ({
        usage: eb.ref('excluded.usage'),
        date: eb.ref('excluded.date'),
        offering_user_id: eb.ref('excluded.offering_user_id'),
        description: eb.ref('excluded.description'),
        modified: sql<Date>`now()`,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a per-user limit unless one exists for (resource, component, user); returns its uuid or undefined. */
export async function insertUserLimit(
  tx: Tx,
  values: Insertable<ComponentUserUsageLimitsTable>,
): Promise<string | undefined> {
  const row = await tx
    .insertInto('component_user_usage_limits')
    .values(values)
    .onConflict((oc) => oc.columns(['resource_id', 'component_id', 'offering_user_id']).doNothing())
    .returning('uuid')
    .executeTakeFirst();
  return row?.uuid;
}

/** Changes the amount of a per-user limit. */
export async function updateUserLimitAmount(tx: Tx, limitId: number, limit: string): Promise<void> {
  await tx
    .updateTable('component_user_usage_limits')
    .set({ limit, modified: sql<Date>`now()` })
    .where('id', '=', limitId)
    .execute();
}

/** Deletes a per-user limit. */
export async function deleteUserLimitRow(tx: Tx, limitId: number): Promise<void> {
  await tx.deleteFrom('component_user_usage_limits').where('id', '=', limitId).execute();
}
