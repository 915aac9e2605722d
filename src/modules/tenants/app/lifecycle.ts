import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { TenantRow } from '../adapters/pg/tenant-repository.js';
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
  await tx
    .insertInto('tenant_transitions')
    .values({
      tenant_id: tenantId,
      from_state: from,
      to_state: to,
      actor_id: m.actorId,
      reason: m.reason ?? '',
      run_id: m.runId,
      forced: m.forced ?? false,
      is_valid: !m.refused && canTransition(from, to),
      previous_id: sql<number>`(SELECT max(id) FROM tenant_transitions WHERE tenant_id = ${tenantId})`,
    })
    .execute();
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
 * The one path that changes a tenant's state (G3/G4): sets the run's status, derives the public
 * state with `publicStateOf`, checks the edge, appends the transition, and, when the run ends,
 * deletes its lock, so a tenant is never Failed or Active with a live run (§7). Returns the state.
 */
export async function settleRun(tx: Tx, t: TenantRow, s: Settle): Promise<TenantState> {
  const final = FINAL.includes(s.status);
  await tx
    .updateTable('tenant_runs')
    .set({
      status: s.status,
      ...(final ? { finished_at: sql<Date>`now()` } : {}),
      ...(s.failedActivity !== undefined ? { failed_activity: s.failedActivity } : {}),
      ...(s.error ? { error: JSON.stringify(s.error) } : {}),
    })
    .where('id', '=', s.run.id)
    .execute();
  if (final)
    await tx
      .deleteFrom('tenant_locks')
      .where('tenant_id', '=', t.id)
      .where('run_id', '=', s.run.id)
      .execute();
  const to = publicStateOf(s.run.kind, s.status);
  if (to === t.state && !s.recordSameState) return to;
  transition(t.state, to);
  await recordTransition(tx, t.id, t.state, to, s);
  await tx
    .updateTable('tenants')
    .set({
      state: to,
      modified: sql<Date>`now()`,
      ...(to === 'Active' ? { activated_at: sql<Date>`now()` } : {}),
      ...(to === 'Decommissioned' ? { decommissioned_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', t.id)
    .execute();
  t.state = to;
  return to;
}
