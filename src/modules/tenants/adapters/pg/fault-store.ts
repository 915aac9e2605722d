import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import type { ProvisioningFaultsTable } from '../../../../platform/db/schema-tenants.js';

/** Stores a fault and returns its row. */
export function insertFault(tx: Tx, values: Insertable<ProvisioningFaultsTable>) {
  return tx.insertInto('provisioning_faults').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Deletes a fault by uuid; returns whether it existed. */
export async function deleteFaultRow(tx: Tx, uuid: string): Promise<boolean> {
  const r = await tx.deleteFrom('provisioning_faults').where('uuid', '=', uuid).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A fault row a step took one invocation of. */
export interface TakenFault {
  id: number;
  message: string;
  permanent: boolean;
  hold_seconds: number | null;
}

/**
 * Spends one invocation of the oldest matching fault, if any, in its own statement. `SKIP LOCKED`:
 * concurrent steps never wait here.
 */
export async function takeFault(db: Db, step: string, tenantId: number): Promise<TakenFault | undefined> {
  const r = await sql<TakenFault>`
    UPDATE provisioning_faults SET remaining = remaining - 1
     WHERE id = (SELECT id FROM provisioning_faults
                  WHERE step = ${step} AND remaining > 0 AND (tenant_id IS NULL OR tenant_id = ${tenantId})
                  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, message, permanent, hold_seconds`.execute(db);
  return r.rows[0];
}

/** Marks the start of a hold (the drill watches it to know when to kill the worker). */
export async function markHoldStarted(db: Db, faultId: number): Promise<void> {
  await db
    .updateTable('provisioning_faults')
    .set({ last_hold_started_at: sql<Date>`now()` })
    .where('id', '=', faultId)
    .execute();
}
