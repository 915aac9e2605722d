import { sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { canMoveRun, InvalidStatusMoveError, type RunStatus, runStatusOf } from '../../domain/statuses.js';
import type { FailureDetails, RunKind } from '../../domain/types.js';

/** A run to insert: `queued`, number n+1 of its kind. */
export interface RunValues {
  tenantId: number;
  kind: RunKind;
  workflowIdOf: (number: number) => string;
  orderId: number;
  trigger: string;
  actorId: number | null;
  reason: string;
  forceDestroy: boolean;
  deadlineAt: Date;
}

/** Inserts run n+1 of its kind for the tenant (status `queued`, the table's default). */
export async function insertRun(tx: Tx, r: RunValues) {
  const { n } = await tx
    .selectFrom('tenant_runs')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('tenant_id', '=', r.tenantId)
    .where('kind', '=', r.kind)
    .executeTakeFirstOrThrow();
  const workflowId = r.workflowIdOf(n);
  const run = await tx
    .insertInto('tenant_runs')
    .values({
      tenant_id: r.tenantId,
      kind: r.kind,
      number: n,
      workflow_id: workflowId,
      order_id: r.orderId,
      trigger: r.trigger,
      actor_id: r.actorId,
      reason: r.reason,
      force_destroy: r.forceDestroy,
      reused_steps: '[]',
      deadline_at: r.deadlineAt,
    })
    .returning(['id', 'uuid', 'number', 'status'])
    .executeTakeFirstOrThrow();
  await appendRunTransition(tx, run.id, null, runStatusOf(run.status));
  return { id: run.id, number: n, workflowId };
}

/** How a run ends: the step it failed at and why (failed, reset). */
export interface RunEnd {
  failedActivity?: string | undefined;
  error?: FailureDetails | undefined;
}

const FINAL: readonly RunStatus[] = ['succeeded', 'failed', 'reset'];

/**
 * The one writer of `tenant_runs.status` (G3): checks the move against `RUN_ALLOWED`, and on a
 * final status stamps `finished_at` with how the run ended. `onlyFrom` makes the move conditional
 * (no-op from any other status). The row is the run's current status, not its history (README).
 */
export async function moveRun(
  tx: Tx,
  runId: number,
  to: RunStatus,
  opts: RunEnd & { onlyFrom?: RunStatus } = {},
): Promise<void> {
  const cur = await tx
    .selectFrom('tenant_runs')
    .select('status')
    .where('id', '=', runId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const from = runStatusOf(cur.status);
  if (opts.onlyFrom !== undefined && from !== opts.onlyFrom) return;
  if (!canMoveRun(from, to)) throw new InvalidStatusMoveError('run', from, to);
  const final = FINAL.includes(to);
  await tx
    .updateTable('tenant_runs')
    .set({
      status: to,
      ...(final ? { finished_at: sql<Date>`now()` } : {}),
      ...(opts.failedActivity !== undefined ? { failed_activity: opts.failedActivity } : {}),
      ...(opts.error ? { error: JSON.stringify(opts.error) } : {}),
    })
    .where('id', '=', runId)
    .where('status', '=', from)
    .execute();
  await appendRunTransition(tx, runId, from, to, opts.failedActivity);
}

/** Appends one status move to the run's insert-only history (`tenant_run_transitions`). */
async function appendRunTransition(
  tx: Tx,
  runId: number,
  from: RunStatus | null,
  to: RunStatus,
  failedActivity?: string,
): Promise<void> {
  await tx
    .insertInto('tenant_run_transitions')
    .values({ run_id: runId, from_status: from, to_status: to, failed_activity: failedActivity ?? null })
    .execute();
}

/** Where a provisioning run starts and which checkpoints it reuses (shown on the timeline). */
export interface RunPlan {
  start_step: string;
  reused: { step: string; from_attempt: number }[];
  note: string;
}

/** Stores the run's plan once: a replayed `plan_retry` finds it and never decides again. */
export async function setRunPlan(tx: Tx, runId: number, p: RunPlan): Promise<void> {
  await tx
    .updateTable('tenant_runs')
    .set({ start_step: p.start_step, reused_steps: JSON.stringify(p.reused), plan_note: p.note })
    .where('id', '=', runId)
    .where('start_step', 'is', null)
    .execute();
}

/** The run's stored plan, if `plan_retry` made one. */
export async function storedPlanOf(db: Db | Tx, runId: number): Promise<RunPlan | undefined> {
  const r = await db
    .selectFrom('tenant_runs')
    .select(['start_step', 'reused_steps', 'plan_note'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  return r.start_step === null
    ? undefined
    : { start_step: r.start_step, reused: r.reused_steps as RunPlan['reused'], note: r.plan_note };
}
