import type { Db, Tx } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { deleteFaultRow, insertFault, markHoldStarted, takeFault } from '../adapters/pg/fault-store.js';
import { FAULTABLE_STEPS } from '../domain/steps.js';

/** `POST /api/provisioning-faults/` (tenant spec §5.3). */
export interface NewFault {
  step: string;
  times: number;
  message: string;
  permanent: boolean;
  tenantId: number | null;
  /**
   * Orderly's drill extension: instead of failing, the next `times` invocations hold for this many
   * seconds (or until the fault is deleted) right after their effect and before their checkpoint —
   * the moment to `kill -9` a worker in a crash drill.
   */
  holdSeconds: number | null;
  createdBy: number;
}

/** Adds a fault; the step name must be a provisioning step or a compensation. */
export async function createFault(tx: Tx, f: NewFault) {
  if (!FAULTABLE_STEPS.includes(f.step)) {
    throw ValidationError.field(
      '/body/step',
      `Unknown step. Valid steps: ${FAULTABLE_STEPS.join(', ')}.`,
      'fault.unknown_step',
    );
  }
  return insertFault(tx, {
    step: f.step,
    times: f.times,
    remaining: f.times,
    message: f.message,
    permanent: f.permanent,
    tenant_id: f.tenantId,
    hold_seconds: f.holdSeconds,
    created_by: f.createdBy,
  });
}

/** Active faults (remaining > 0) plus holds still in progress. */
export function listFaults(tx: Tx) {
  return tx
    .selectFrom('provisioning_faults as pf')
    .leftJoin('tenants as t', 't.id', 'pf.tenant_id')
    .selectAll('pf')
    .select('t.uuid as tenant_uuid')
    .where((eb) => eb.or([eb('pf.remaining', '>', 0), eb('pf.hold_seconds', 'is not', null)]))
    .orderBy('pf.id')
    .execute();
}

/** Removes a fault (also releases a step holding on it). */
export async function deleteFault(tx: Tx, uuid: string): Promise<void> {
  if (!(await deleteFaultRow(tx, uuid))) throw new NotFoundError('fault');
}

/** A fault a step consumed. */
export interface ConsumedFault {
  id: number;
  message: string;
  permanent: boolean;
  holdSeconds: number | null;
}

/**
 * Takes one invocation of the oldest matching fault, if any (its own short transaction, so the
 * count is spent even when the step then fails). `SKIP LOCKED`: concurrent steps never wait here.
 */
export async function consumeFault(
  db: Db,
  step: string,
  tenantId: number,
): Promise<ConsumedFault | undefined> {
  const f = await takeFault(db, step, tenantId);
  return f
    ? { id: f.id, message: f.message, permanent: f.permanent, holdSeconds: f.hold_seconds }
    : undefined;
}

/** Holds a drill fault: until its time is up, the fault is deleted, or `signal` aborts. */
export async function holdFault(db: Db, fault: ConsumedFault, signal: AbortSignal): Promise<void> {
  await markHoldStarted(db, fault.id);
  const until = Date.now() + (fault.holdSeconds ?? 0) * 1000;
  while (Date.now() < until && !signal.aborted) {
    await new Promise((r) => setTimeout(r, 200));
    const still = await db
      .selectFrom('provisioning_faults')
      .select('id')
      .where('id', '=', fault.id)
      .executeTakeFirst();
    if (!still) return;
  }
}
