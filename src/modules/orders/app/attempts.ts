import type { Tx } from '../../../platform/db/database.js';
import { closeRunningAttempt, insertAttempt } from '../adapters/pg/order-repository.js';

/** Why an attempt started (orders spec §17 a). */
export type AttemptTrigger =
  | 'approval'
  | 'auto_approval'
  | 'start_date'
  | 'project_start'
  | 'set_state_executing'
  | 'retry'
  | 'resumed'
  /** An error reported while no attempt was running (closed at once). */
  | 'set_state_erred';

/** How an attempt ended. */
export type AttemptOutcome = 'done' | 'erred' | 'canceled';

/** The errors an attempt keeps: the order's and the resource's, as they were when it ended. */
export interface AttemptErrors {
  errorMessage: string;
  errorTraceback: string;
  resourceErrorMessage: string;
  resourceErrorTraceback: string;
  output?: string;
}

/** Opens attempt n+1 (the order's `attempt_count` is bumped in the same statement batch). */
export async function openAttempt(tx: Tx, orderId: number, trigger: AttemptTrigger, actorId: number | null) {
  return insertAttempt(tx, orderId, trigger, actorId);
}

/** Closes the running attempt with its outcome and errors; false when none was running. */
export async function closeAttempt(tx: Tx, orderId: number, outcome: AttemptOutcome, e: AttemptErrors) {
  return closeRunningAttempt(tx, orderId, {
    outcome,
    error_message: e.errorMessage,
    error_traceback: e.errorTraceback,
    resource_error_message: e.resourceErrorMessage,
    resource_error_traceback: e.resourceErrorTraceback,
    ...(e.output !== undefined ? { output: e.output } : {}),
  });
}

/**
 * `set_state_erred` outside EXECUTING (it accepts any state): records a closed attempt so the error
 * is never lost (§17 a).
 */
export async function recordInstantFailure(
  tx: Tx,
  orderId: number,
  actorId: number | null,
  e: AttemptErrors,
) {
  const n = await openAttempt(tx, orderId, 'set_state_erred', actorId);
  await closeAttempt(tx, orderId, 'erred', e);
  return n;
}

/** Whether the order's running attempt was started by a staff user (whom a worker acts for). */
export async function attemptStartedByStaff(tx: Tx, orderId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('order_attempts as a')
    .innerJoin('users as u', 'u.id', 'a.started_by')
    .select('u.is_staff')
    .where('a.order_id', '=', orderId)
    .where('a.outcome', '=', 'running')
    .executeTakeFirst();
  return row?.is_staff === true;
}
