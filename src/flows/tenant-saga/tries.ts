import { sql } from 'kysely';
import { moveRun } from '../../modules/tenants/adapters/pg/run-store.js';
import { moveStep, type StepKey, stepRunOf } from '../../modules/tenants/adapters/pg/step-store.js';
import type { TenantRow } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import { failTryRow, openTry, succeedTry } from '../../modules/tenants/adapters/pg/try-store.js';
import { recordTenantEvent } from '../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../modules/tenants/domain/event-types.js';
import { canMoveStep, stepStatusOf } from '../../modules/tenants/domain/statuses.js';
import { type ProvisionStep, stepIndex } from '../../modules/tenants/domain/steps.js';
import type { Tx } from '../../platform/db/database.js';
import type { TryFailure } from '../../platform/workflows/index.js';
import { classify, StepError } from './errors.js';
import type { Lease } from './lease.js';

/** How a kind of run records its steps: provisioning steps complete, compensations compensate. */
export interface StepMode {
  running: 'running' | 'compensating';
  done: 'completed' | 'compensated';
  /** Emit `tenant.provisioning.step_completed`. */
  event: boolean;
  position: number;
}

/** The mode of a provisioning step (its position is its index). */
export function provisionMode(step: ProvisionStep): StepMode {
  return { running: 'running', done: 'completed', event: true, position: stepIndex(step) };
}

/** The mode of a compensation at `position` in its decommission run. */
export function compensationMode(position: number): StepMode {
  return { running: 'compensating', done: 'compensated', event: false, position };
}

const keyOf = (lease: Lease, step: string, mode: StepMode): StepKey => ({
  runId: lease.runId,
  step,
  position: mode.position,
});

/** A try that began, or the step found done already in this run. */
export type Begun =
  | { kind: 'done' }
  | {
      kind: 'try';
      tenant: TenantRow;
      stepRunId: number;
      tryId: number;
      tryNumber: number;
      attemptNumber: number;
    };

/**
 * Opens a try (fenced by the caller): fails it past the run's deadline. A step whose step run is
 * done already (a crash after its checkpoint committed, before the engine recorded the call) is
 * not run again: `tenant_step_runs` is the only record of a step's result.
 */
export async function beginTry(
  tx: Tx,
  t: TenantRow,
  lease: Lease,
  step: string,
  mode: StepMode,
): Promise<Begun> {
  const run = await tx
    .selectFrom('tenant_runs')
    .select(['number', sql<boolean>`deadline_at < now()`.as('late')])
    .where('id', '=', lease.runId)
    .executeTakeFirstOrThrow();
  const existing = await stepRunOf(tx, lease.runId, step);
  if (existing && (existing.status === mode.done || existing.status === 'reused')) return { kind: 'done' };
  if (run.late)
    throw new StepError('deadline_exceeded', `The run passed its deadline during ${step}.`, false);
  const sr = await moveStep(tx, keyOf(lease, step, mode), mode.running);
  const tr = await openTry(tx, sr.id, lease.worker);
  await moveRun(tx, lease.runId, 'running', { onlyFrom: 'waiting_retry' });
  return {
    kind: 'try',
    tenant: t,
    stepRunId: sr.id,
    tryId: tr.id,
    tryNumber: tr.tryNumber,
    attemptNumber: run.number,
  };
}

/** Closes a try with success and records the checkpoint (and `step_completed`) in the caller's transaction. */
export async function completeTry(
  tx: Tx,
  t: TenantRow,
  b: Extract<Begun, { kind: 'try' }>,
  lease: Lease,
  step: string,
  mode: StepMode,
  output: unknown,
) {
  // The try timed out meanwhile and a later one took over: this late result is discarded.
  if (!(await succeedTry(tx, b.tryId)))
    throw new StepError('try_superseded', `A late ${step} try was discarded.`, false);
  const sr = await moveStep(tx, keyOf(lease, step, mode), mode.done, { output });
  if (!mode.event) return;
  await recordTenantEvent(tx, t, {
    type: TenantEventType.STEP_COMPLETED,
    message: `Step ${step} of tenant ${t.slug} completed (attempt ${b.attemptNumber}).`,
    actorId: null,
    orderId: lease.orderId,
    payload: { step, attempt_number: b.attemptNumber, duration_ms: sr.durationMs },
  });
}

/** Records a failed try (the engine's observer): its error, and whether and when the next try comes. */
export async function failTry(
  tx: Tx,
  lease: Lease,
  step: string,
  mode: StepMode,
  f: TryFailure,
): Promise<void> {
  const key = keyOf(lease, step, mode);
  const to = f.willRetry ? 'waiting_retry' : 'failed';
  const existing = await stepRunOf(tx, lease.runId, step);
  // The step ended already (a late timeout of a try whose result committed): it stays as it is.
  if (existing && !canMoveStep(stepStatusOf(existing.status), to)) return;
  // Failed before a try opened (deadline): the step run is opened so the failure has its row.
  const stepRunId = existing?.id ?? (await moveStep(tx, key, mode.running)).id;
  const c = classify(f.error);
  await failTryRow(tx, stepRunId, lease.worker, {
    code: c.code,
    message: c.message,
    stack: c.stack,
    retryable: c.retryable,
    nextInMs: f.willRetry ? f.delayMs : null,
  });
  await moveStep(tx, key, to);
  await moveRun(tx, lease.runId, f.willRetry ? 'waiting_retry' : 'running');
}
