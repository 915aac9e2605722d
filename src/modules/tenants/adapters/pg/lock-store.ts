import { sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';

/** Takes (or takes over) the tenant's lock for a run with a new fencing token; returns the token. */
export async function takeLock(tx: Tx, tenantId: number, runId: number, holder: string): Promise<number> {
  const { token } = (await sql<{ token: string }>`SELECT nextval('tenant_lock_tokens') AS token`.execute(tx))
    .rows[0]!;
  const values = { tenant_id: tenantId, run_id: runId, holder, token: Number(token) };
  await tx
    .insertInto('tenant_locks')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet({ ...values, acquired_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()` }),
    )
    .execute();
  return Number(token);
}

/** Refreshes the lock's heartbeat; false when the lock is no longer this token's (reset, taken over). */
export async function heartbeatLock(db: Db, tenantId: number, token: number): Promise<boolean> {
  const r = await db
    .updateTable('tenant_locks')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes the tenant's lock (only the given run's when `runId` is set: a run's end releases its own). */
export async function releaseLock(tx: Tx, tenantId: number, runId?: number): Promise<void> {
  let q = tx.deleteFrom('tenant_locks').where('tenant_id', '=', tenantId);
  if (runId !== undefined) q = q.where('run_id', '=', runId);
  await q.execute();
}
