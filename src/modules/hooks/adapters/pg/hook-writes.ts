import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { HooksTable } from '../../../../platform/db/schema-hooks.js';

/** Inserts a hook; returns its uuid. */
export async function insertHook(tx: Tx, values: Insertable<HooksTable>): Promise<string> {
  const row = await tx.insertInto('hooks').values(values).returning('uuid').executeTakeFirstOrThrow();
  return row.uuid;
}

/** Sets the given columns of a hook and stamps `modified`. */
export async function updateHookRow(tx: Tx, hookId: number, set: Updateable<HooksTable>): Promise<void> {
  await tx
    .updateTable('hooks')
    .set({ ...set, modified: sql<Date>`now()` })
    .where('id', '=', hookId)
    .execute();
}

/** Deletes a hook (its deliveries go by cascade). */
export async function deleteHookRow(tx: Tx, hookId: number): Promise<void> {
  await tx.deleteFrom('hooks').where('id', '=', hookId).execute();
}
