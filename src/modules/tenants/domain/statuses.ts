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
