import type { Tx } from '../../../platform/db/database.js';
import { releaseLock } from '../adapters/pg/lock-store.js';
import { moveRun } from '../adapters/pg/run-store.js';
import type { TenantRow } from '../adapters/pg/tenant-repository.js';
import { appendTransition, setTenantState } from '../adapters/pg/tenant-store.js';
import { publicStateOf, type RunStatus } from '../domain/statuses.js';
import { canTransition, type TenantState, transition } from '../domain/tenant-state.js';
import type { FailureDetails, RunKind } from '../domain/types.js';

/** Who and why, for the transition row. */
export interface TransitionMeta {
  actorId: number | null;
  reason?: string;
  runId: number | null;
  forced?: boolean;
  /** The move was refused for another reason than the table (a run or lock in the way). */
  refused?: boolean;
}

/** Appends a transition row (valid or refused) in the caller's transaction (G5). */
export async function recordTransition(
  tx: Tx,
  tenantId: number,
  from: TenantState | null,
  to: TenantState,
  m: TransitionMeta,
): Promise<void> {
  await appendTransition(tx, {
    tenant_id: tenantId,
    from_state: from,
    to_state: to,
    actor_id: m.actorId,
    reason: m.reason ?? '',
    run_id: m.runId,
    forced: m.forced ?? false,
    is_valid: !m.refused && canTransition(from, to),
  });
}

/** A run status change and what goes with it. */
export interface Settle extends TransitionMeta {
  run: { id: number; kind: RunKind };
  status: RunStatus;
  /** Record a transition even when the public state stays (a new decommission run). */
  recordSameState?: boolean;
  failedActivity?: string;
  error?: FailureDetails;
}

const FINAL: readonly RunStatus[] = ['succeeded', 'failed', 'reset'];

/**
 * Ends (or starts) a run's effect on the tenant: derives the public state with `publicStateOf`,
 * checks the edge, appends the transition and writes the state. The only caller of
 * `setTenantState` (G3/G4). Returns the state.
 */
export async function settleTenant(tx: Tx, t: TenantRow, s: Omit<Settle, 'failedActivity' | 'error'>) {
  const to = publicStateOf(s.run.kind, s.status);
  if (to === t.state && !s.recordSameState) return to;
  transition(t.state, to);
  await recordTransition(tx, t.id, t.state, to, s);
  await setTenantState(tx, t.id, to);
  t.state = to;
  return to;
}

/**
 * The one path that changes a run's status together with its tenant's state: moves the run
 * (`moveRun`, the run status table), and, when the run ends, deletes its lock, so a tenant is never
 * Failed or Active with a live run (§7); then {@link settleTenant}. Returns the state.
 */
export async function settleRun(tx: Tx, t: TenantRow, s: Settle): Promise<TenantState> {
  await moveRun(tx, s.run.id, s.status, { failedActivity: s.failedActivity, error: s.error });
  if (FINAL.includes(s.status)) await releaseLock(tx, t.id, s.run.id);
  return settleTenant(tx, t, s);
}
