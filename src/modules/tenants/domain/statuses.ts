import { InvalidStateError } from '../../../platform/errors.js';
import type { TenantState } from './tenant-state.js';
import type { RunKind } from './types.js';

/** Internal run statuses (§3.3): not part of the API contract. */
export type RunStatus =
  /** Enqueued, not yet picked up by a worker. */
  | 'queued'
  /** A worker executes it. */
  | 'running'
  /** A step failed a try and waits for the next one. */
  | 'waiting_retry'
  | 'succeeded'
  | 'failed'
  /** Cleared by Reset; never resumed. */
  | 'reset';

/** Statuses of a step within a run (§3.3). */
export type StepStatus =
  | 'pending'
  | 'running'
  | 'waiting_retry'
  | 'completed'
  /** Its checkpoint was copied from an earlier attempt (Retry provisioning). */
  | 'reused'
  | 'failed'
  /** The run was reset while the step was in flight. */
  | 'abandoned'
  | 'compensating'
  | 'compensated'
  /** Force destroy gave up on this compensation. */
  | 'compensation_skipped';

/** Outcome of one try. */
export type TryOutcome = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'abandoned';

/**
 * The moves a run makes (G3): the row is the run's *current* status, written only by
 * `adapters/pg/run-store.ts` `moveRun` through this table. A run is inserted `queued`; the
 * self-edges are a resumed execution (`running`) and a step failing a try again (`waiting_retry`).
 * Ended runs have no way out, so a finished run row never changes again.
 */
export const RUN_ALLOWED: Record<RunStatus, readonly RunStatus[]> = {
  queued: ['running', 'failed', 'reset'],
  running: ['running', 'waiting_retry', 'succeeded', 'failed', 'reset'],
  waiting_retry: ['running', 'waiting_retry', 'failed', 'reset'],
  succeeded: [],
  failed: [],
  reset: [],
};

/** Whether a run may move `from → to`. */
export function canMoveRun(from: RunStatus, to: RunStatus): boolean {
  return RUN_ALLOWED[from].includes(to);
}

/**
 * The moves a step run makes (G3), written only by `adapters/pg/step-store.ts` `moveStep`. A step
 * without a row is `pending`; the self-edges are a new try of a step already in flight (a resume,
 * or a retry after a failure that came before its try opened).
 */
export const STEP_ALLOWED: Record<StepStatus, readonly StepStatus[]> = {
  pending: ['running', 'compensating', 'reused'],
  running: ['running', 'waiting_retry', 'completed', 'failed', 'abandoned'],
  compensating: ['compensating', 'waiting_retry', 'compensated', 'failed', 'abandoned'],
  waiting_retry: ['running', 'compensating', 'waiting_retry', 'failed', 'abandoned'],
  failed: ['compensation_skipped'],
  completed: [],
  reused: [],
  abandoned: [],
  compensated: [],
  compensation_skipped: [],
};

/** Whether a step run may move `from → to`. */
export function canMoveStep(from: StepStatus, to: StepStatus): boolean {
  return STEP_ALLOWED[from].includes(to);
}

/** Step statuses of a step in flight (Reset abandons it; a resume counts its interrupted tries). */
export const IN_FLIGHT_STEP_STATUSES: readonly StepStatus[] = ['running', 'waiting_retry', 'compensating'];

/** A run or step status move that its table refuses: a bug in the saga, never a user error. */
export class InvalidStatusMoveError extends InvalidStateError {
  constructor(what: 'run' | 'step', from: string, to: string) {
    super(`tenant.invalid_${what}_move`, `A ${what} cannot move from ${from} to ${to}.`);
  }
}

/** Parses a stored run status. */
export function runStatusOf(value: string): RunStatus {
  if (!(value in RUN_ALLOWED)) throw new Error(`unknown run status ${value}`);
  return value as RunStatus;
}

/** Parses a stored step status. */
export function stepStatusOf(value: string): StepStatus {
  if (!(value in STEP_ALLOWED)) throw new Error(`unknown step status ${value}`);
  return value as StepStatus;
}

/** Run statuses during which the run is active (holds or may take the lock). */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting_retry'];

/** Whether a run in this status is still active. */
export function isActiveRun(status: string): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);
}

/** Compile-time exhaustiveness: a value left over here is a missing case. */
export function assertExhaustive(value: never): never {
  throw new Error(`unhandled case ${String(value)}`);
}

/**
 * The one mapping from internal execution status to the public tenant state (G4, §3.3); the stored
 * `tenants.state` is written from it only.
 */
export function publicStateOf(kind: RunKind, status: RunStatus): TenantState {
  switch (status) {
    case 'queued':
    case 'running':
    case 'waiting_retry':
      return kind === 'provision' ? 'Provisioning' : 'Decommissioning';
    case 'succeeded':
      return kind === 'provision' ? 'Active' : 'Decommissioned';
    case 'failed':
    case 'reset':
      return kind === 'provision' ? 'Failed' : 'Decommissioning';
    default:
      return assertExhaustive(status);
  }
}
