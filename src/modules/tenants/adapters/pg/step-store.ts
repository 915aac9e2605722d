import { sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import {
  canMoveStep,
  IN_FLIGHT_STEP_STATUSES,
  InvalidStatusMoveError,
  type StepStatus,
  stepStatusOf,
} from '../../domain/statuses.js';

/** Which step of which run. */
export interface StepKey {
  runId: number;
  step: string;
  /** Order on the timeline: the step's index, or the compensation's place in the decommission. */
  position: number;
}

/** What a move to a done status records: the checkpoint, and where a reused one came from. */
export interface StepRecord {
  output?: unknown;
  reusedFromAttempt?: number;
}

const ENDED: readonly StepStatus[] = [
  'completed',
  'compensated',
  'reused',
  'failed',
  'abandoned',
  'compensation_skipped',
];

/** The step run of a step in a run, if it has one. */
export function stepRunOf(tx: Tx | Db, runId: number, step: string) {
  return tx
    .selectFrom('tenant_step_runs')
    .selectAll()
    .where('run_id', '=', runId)
    .where('step', '=', step)
    .executeTakeFirst();
}

/**
 * The one writer of `tenant_step_runs.status` (G3): a step without a row is `pending`, so the first
 * move inserts it; every move is checked against `STEP_ALLOWED`. `completed`/`compensated`/`reused`
 * store the step's output, which is the saga's only checkpoint of it (README). Returns the row id
 * and the step's duration.
 */
export async function moveStep(tx: Tx, key: StepKey, to: StepStatus, rec: StepRecord = {}) {
  const cur = await stepRunOf(tx, key.runId, key.step);
  const from = cur ? stepStatusOf(cur.status) : 'pending';
  if (!canMoveStep(from, to)) throw new InvalidStatusMoveError('step', from, to);
  const ended = ENDED.includes(to);
  const output = to === 'completed' || to === 'compensated' || to === 'reused';
  const set = {
    status: to,
    ...(output ? { output: JSON.stringify(rec.output ?? null) } : {}),
    ...(ended ? { finished_at: sql<Date>`now()` } : {}),
    ...(to === 'completed' || to === 'compensated'
      ? { duration_ms: sql<number>`(extract(epoch from now() - started_at) * 1000)::int` }
      : {}),
    ...(to === 'reused' ? { duration_ms: 0, reused_from_attempt: rec.reusedFromAttempt ?? null } : {}),
  };
  if (!cur) {
    const row = await tx
      .insertInto('tenant_step_runs')
      .values({
        run_id: key.runId,
        step: key.step,
        position: key.position,
        started_at: sql<Date>`now()`,
        ...set,
      })
      .returning(['id', 'duration_ms'])
      .executeTakeFirstOrThrow();
    return { id: row.id, durationMs: row.duration_ms ?? 0 };
  }
  const row = await tx
    .updateTable('tenant_step_runs')
    .set(set)
    .where('id', '=', cur.id)
    .where('status', '=', from)
    .returning(['id', 'duration_ms'])
    .executeTakeFirstOrThrow();
  return { id: row.id, durationMs: row.duration_ms ?? 0 };
}

/** The run's step in flight (Reset abandons it), if any. */
export function inFlightStepOf(tx: Tx, runId: number) {
  return tx
    .selectFrom('tenant_step_runs')
    .select(['id', 'step', 'position'])
    .where('run_id', '=', runId)
    .where('status', 'in', IN_FLIGHT_STEP_STATUSES)
    .executeTakeFirst();
}

/** The checkpoint of a step completed in this run (activate reads the readiness check's port). */
export async function completedOutputOf(tx: Tx, runId: number, step: string): Promise<unknown> {
  const r = await tx
    .selectFrom('tenant_step_runs')
    .select('output')
    .where('run_id', '=', runId)
    .where('step', '=', step)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  return r?.output;
}

/** The latest checkpoint of a step in the tenant's provisioning attempts before `number` (Retry reuses it). */
export function earlierCheckpointOf(db: Db | Tx, tenantId: number, number: number, step: string) {
  return db
    .selectFrom('tenant_step_runs as s')
    .innerJoin('tenant_runs as r', 'r.id', 's.run_id')
    .select(['s.output', 'r.number', 's.reused_from_attempt'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.kind', '=', 'provision')
    .where('r.number', '<', number)
    .where('s.step', '=', step)
    .where('s.status', 'in', ['completed', 'reused'])
    .orderBy('r.number', 'desc')
    .executeTakeFirst();
}
