import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';

/** Opens the next try of a step run; returns its id and number (1-based across the run). */
export async function openTry(tx: Tx, stepRunId: number, worker: string) {
  const next = await tx
    .selectFrom('tenant_step_tries')
    .select(sql<number>`coalesce(max(try_number), 0) + 1`.as('n'))
    .where('step_run_id', '=', stepRunId)
    .executeTakeFirstOrThrow();
  const tr = await tx
    .insertInto('tenant_step_tries')
    .values({ step_run_id: stepRunId, try_number: next.n, worker })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: tr.id, tryNumber: next.n };
}

/** Closes a running try as succeeded; false when it was closed meanwhile (timed out, superseded). */
export async function succeedTry(tx: Tx, tryId: number): Promise<boolean> {
  const r = await tx
    .updateTable('tenant_step_tries')
    .set({ outcome: 'succeeded', finished_at: sql<Date>`now()` })
    .where('id', '=', tryId)
    .where('outcome', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A failed try's error and when the next one comes. */
export interface TryError {
  code: string;
  message: string;
  stack: string;
  retryable: boolean;
  /** Delay before the next try, or null when none follows. */
  nextInMs: number | null;
}

/** Records a failure on the step's running try, or as a new try when none was open (deadline). */
export async function failTryRow(tx: Tx, stepRunId: number, worker: string, e: TryError): Promise<void> {
  const error = {
    outcome: 'failed',
    finished_at: sql<Date>`now()`,
    error_code: e.code,
    error_message: e.message,
    error_stack: e.stack,
    retryable: e.retryable,
    next_try_at: e.nextInMs === null ? null : sql<Date>`now() + ${e.nextInMs} * interval '1 millisecond'`,
  };
  const updated = await tx
    .updateTable('tenant_step_tries')
    .set(error)
    .where('step_run_id', '=', stepRunId)
    .where('outcome', '=', 'running')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await tx
    .insertInto('tenant_step_tries')
    .values({
      ...error,
      step_run_id: stepRunId,
      worker,
      try_number: sql<number>`(SELECT coalesce(max(try_number), 0) + 1 FROM tenant_step_tries WHERE step_run_id = ${stepRunId})`,
    })
    .execute();
}

/** Marks the tries a dead execution of the run left open as `interrupted` (a resume). */
export async function interruptOpenTries(tx: Tx, runId: number): Promise<void> {
  const stepRuns = tx.selectFrom('tenant_step_runs').select('id').where('run_id', '=', runId);
  await tx
    .updateTable('tenant_step_tries')
    .set({ outcome: 'interrupted', finished_at: sql<Date>`now()` })
    .where('outcome', '=', 'running')
    .where('step_run_id', 'in', stepRuns)
    .execute();
}

/** Abandons the step run's open try (Reset); returns how many tries the step had. */
export async function abandonOpenTries(tx: Tx, stepRunId: number): Promise<number> {
  await tx
    .updateTable('tenant_step_tries')
    .set({ outcome: 'abandoned', finished_at: sql<Date>`now()` })
    .where('step_run_id', '=', stepRunId)
    .where('outcome', '=', 'running')
    .execute();
  const c = await tx
    .selectFrom('tenant_step_tries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('step_run_id', '=', stepRunId)
    .executeTakeFirstOrThrow();
  return Number(c.n);
}
