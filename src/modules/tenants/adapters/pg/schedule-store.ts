import { sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';

/** Registers the tenant's maintenance schedule once; returns whether this call created it. */
export async function insertSchedule(
  tx: Tx,
  tenantId: number,
  tasks: readonly string[],
  everySeconds: number,
): Promise<boolean> {
  const inserted = await tx
    .insertInto('tenant_schedules')
    .values({
      tenant_id: tenantId,
      tasks: JSON.stringify(tasks),
      every_seconds: everySeconds,
      next_run_at: sql<Date>`now() + ${everySeconds} * interval '1 second'`,
    })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes the tenant's schedule; returns whether there was one. */
export async function deleteSchedule(tx: Tx, tenantId: number): Promise<boolean> {
  const r = await tx.deleteFrom('tenant_schedules').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Moves a schedule row to its next slot (never into the past: missed slots are not replayed). */
export async function advanceSchedule(tx: Tx, scheduleId: number): Promise<void> {
  await tx
    .updateTable('tenant_schedules')
    .set({ next_run_at: sql<Date>`greatest(next_run_at + every_seconds * interval '1 second', now())` })
    .where('id', '=', scheduleId)
    .execute();
}

/** Records the outcome of a maintenance run on the tenant's schedule row. */
export async function recordScheduleOutcome(db: Db, tenantId: number, outcome: string): Promise<void> {
  await db
    .updateTable('tenant_schedules')
    .set({ last_run_at: sql<Date>`now()`, last_outcome: outcome })
    .where('tenant_id', '=', tenantId)
    .execute();
}
