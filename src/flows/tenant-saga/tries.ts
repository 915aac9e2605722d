import { sql } from 'kysely';
import type { TenantRow } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import { recordTenantEvent } from '../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../modules/tenants/domain/event-types.js';
import { stepIndex } from '../../modules/tenants/domain/steps.js';
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

/** Modes of the two run kinds. */
export function modeOf(kind: 'provision' | 'decommission', step: string, position?: number): StepMode {
  return kind === 'provision'
    ? { running: 'running', done: 'completed', event: true, position: stepIndex(step) }
    : { running: 'compensating', done: 'compensated', event: false, position: position ?? 0 };
}

/** A try that began, or the checkpoint that made it unnecessary. */
export type Begun =
  | { kind: 'checkpoint'; output: unknown }
  | {
      kind: 'try';
      tenant: TenantRow;
      stepRunId: number;
      tryId: number;
      tryNumber: number;
      attemptNumber: number;
    };

/**
 * Opens a try (fenced by the caller): fails it past the run's deadline; returns the checkpoint when
 * the step already completed in this run (a crash after our checkpoint, before the engine's).
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
  const existing = await tx
    .selectFrom('tenant_step_runs')
    .selectAll()
    .where('run_id', '=', lease.runId)
    .where('step', '=', step)
    .executeTakeFirst();
  if (existing && (existing.status === mode.done || existing.status === 'reused'))
    return { kind: 'checkpoint', output: existing.output };
  if (run.late)
    throw new StepError('deadline_exceeded', `The run passed its deadline during ${step}.`, false);
  const stepRunId = existing
    ? (
        await tx
          .updateTable('tenant_step_runs')
          .set({ status: mode.running })
          .where('id', '=', existing.id)
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    : (
        await tx
          .insertInto('tenant_step_runs')
          .values({
            run_id: lease.runId,
            step,
            position: mode.position,
            status: mode.running,
            started_at: sql<Date>`now()`,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  const next = await tx
    .selectFrom('tenant_step_tries')
    .select(sql<number>`coalesce(max(try_number), 0) + 1`.as('n'))
    .where('step_run_id', '=', stepRunId)
    .executeTakeFirstOrThrow();
  const tr = await tx
    .insertInto('tenant_step_tries')
    .values({ step_run_id: stepRunId, try_number: next.n, worker: lease.worker })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('tenant_runs')
    .set({ status: 'running' })
    .where('id', '=', lease.runId)
    .where('status', '=', 'waiting_retry')
    .execute();
  return { kind: 'try', tenant: t, stepRunId, tryId: tr.id, tryNumber: next.n, attemptNumber: run.number };
}

/** Closes a try with success and records the checkpoint (and `step_completed`) in the caller's transaction. */
export async function completeTry(
  tx: Tx,
  t: TenantRow,
  b: Extract<Begun, { kind: 'try' }>,
  step: string,
  mode: StepMode,
  output: unknown,
  orderId: number,
) {
  const closed = await tx
    .updateTable('tenant_step_tries')
    .set({ outcome: 'succeeded', finished_at: sql<Date>`now()` })
    .where('id', '=', b.tryId)
    .where('outcome', '=', 'running')
    .executeTakeFirst();
  // The try timed out meanwhile and a later one took over: this late result is discarded.
  if (Number(closed.numUpdatedRows) === 0)
    throw new StepError('try_superseded', `A late ${step} try was discarded.`, false);
  const sr = await tx
    .updateTable('tenant_step_runs')
    .set({
      status: mode.done,
      output: JSON.stringify(output ?? null),
      finished_at: sql<Date>`now()`,
      duration_ms: sql<number>`(extract(epoch from now() - started_at) * 1000)::int`,
    })
    .where('id', '=', b.stepRunId)
    .returning('duration_ms')
    .executeTakeFirstOrThrow();
  if (!mode.event) return;
  await recordTenantEvent(tx, t, {
    type: TenantEventType.STEP_COMPLETED,
    message: `Step ${step} of tenant ${t.slug} completed (attempt ${b.attemptNumber}).`,
    actorId: null,
    orderId,
    payload: { step, attempt_number: b.attemptNumber, duration_ms: sr.duration_ms ?? 0 },
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
  const c = classify(f.error);
  const sr =
    (await tx
      .selectFrom('tenant_step_runs')
      .select('id')
      .where('run_id', '=', lease.runId)
      .where('step', '=', step)
      .executeTakeFirst()) ??
    (await tx
      .insertInto('tenant_step_runs')
      .values({
        run_id: lease.runId,
        step,
        position: mode.position,
        status: mode.running,
        started_at: sql<Date>`now()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const error = {
    outcome: 'failed',
    finished_at: sql<Date>`now()`,
    error_code: c.code,
    error_message: c.message,
    error_stack: c.stack,
    retryable: c.retryable,
    next_try_at: f.willRetry ? sql<Date>`now() + ${f.delayMs} * interval '1 millisecond'` : null,
  };
  const updated = await tx
    .updateTable('tenant_step_tries')
    .set(error)
    .where('step_run_id', '=', sr.id)
    .where('outcome', '=', 'running')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    // Failed before a try opened (deadline): record one so the failure has its row.
    await tx
      .insertInto('tenant_step_tries')
      .values({
        ...error,
        step_run_id: sr.id,
        worker: lease.worker,
        try_number: sql<number>`(SELECT coalesce(max(try_number), 0) + 1 FROM tenant_step_tries WHERE step_run_id = ${sr.id})`,
      })
      .execute();
  }
  await tx
    .updateTable('tenant_step_runs')
    .set(f.willRetry ? { status: 'waiting_retry' } : { status: 'failed', finished_at: sql<Date>`now()` })
    .where('id', '=', sr.id)
    .execute();
  await tx
    .updateTable('tenant_runs')
    .set({ status: f.willRetry ? 'waiting_retry' : 'running' })
    .where('id', '=', lease.runId)
    .execute();
}
