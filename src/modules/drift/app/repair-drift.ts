import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { lockResource } from '../../resources/app/lock-resource.js';
import { moveResource } from '../../resources/app/move-resource.js';
import type { ResourceState } from '../../resources/domain/resource-state.js';
import { driftCandidates } from '../adapters/pg/drift-facts.js';
import { updateFindings } from '../adapters/pg/finding-writes.js';
import { type DriftRuleCode, detectDrift } from '../domain/drift-rules.js';
import { noDriftError } from '../domain/errors.js';

/** What a repair did. */
export interface DriftRepairResult {
  rule: DriftRuleCode;
  from_state: ResourceState;
  to_state: ResourceState;
}

/**
 * Applies the repair the effect table implies to a resource with an open drift finding: re-checks
 * the rule on the locked resource (409 `resource.no_drift` when it no longer holds), moves the
 * resource through the resources module's `moveResource` (transition row and event carry the actor
 * and the reason) and closes the finding as `repaired` by the actor.
 */
export async function repairDrift(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  reason: string,
  now: Date,
): Promise<DriftRepairResult> {
  const r = await lockResource(tx, resourceId);
  const finding = await tx
    .selectFrom('resource_drift_findings')
    .select(['id', 'rule', 'last_seen_at'])
    .where('resource_id', '=', resourceId)
    .where('resolved_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  const [candidate] = await driftCandidates(tx, resourceId);
  // The scan's clock may run ahead of this one (tests inject it): never judge before its last look.
  const at = finding && finding.last_seen_at > now ? finding.last_seen_at : now;
  const match = candidate ? detectDrift(candidate.facts, at) : null;
  if (!finding || !match || match.rule.code !== finding.rule) throw noDriftError();
  await moveResource(tx, r, {
    to: match.expected,
    action: 'repair_drift',
    actor,
    reason,
    errors: match.expected === 'Erred' ? { message: reason, traceback: '' } : undefined,
    event: {
      type: EventType.RESOURCE_STATE_SET,
      level: 'warning',
      message: `Drift repaired on resource ${r.row.name} (${match.rule.title}): ${r.state} → ${match.expected}.`,
    },
  });
  await updateFindings(tx, [finding.id], {
    resolved_at: at,
    resolution: 'repaired',
    resolved_by: actor.id,
    reason,
  });
  return { rule: match.rule.code, from_state: r.state, to_state: match.expected };
}
