import type { Tx } from '../../../platform/db/database.js';
import { resourceStateToCode } from '../../resources/domain/resource-state.js';
import { driftCandidates } from '../adapters/pg/drift-facts.js';
import { insertFindings, updateFindings } from '../adapters/pg/finding-writes.js';
import { type DriftMatch, detectDrift } from '../domain/drift-rules.js';

interface Found {
  orderId: number | null;
  state: number;
  match: DriftMatch;
}

/**
 * One drift scan (the periodic job): flags every resource a rule matches at `now`, keeps open
 * findings that still hold (refreshing `last_seen_at`) and clears those that no longer do, or whose
 * rule or repair changed (a new finding replaces them). Returns how many findings it opened or cleared.
 */
export async function scanDrift(tx: Tx, now: Date): Promise<number> {
  const found = new Map<number, Found>();
  for (const c of await driftCandidates(tx)) {
    const match = detectDrift(c.facts, now);
    if (match)
      found.set(c.resourceId, { orderId: c.orderId, state: resourceStateToCode(c.facts.state), match });
  }
  const open = await tx
    .selectFrom('resource_drift_findings')
    .select(['id', 'resource_id', 'rule', 'resource_state', 'expected_state'])
    .where('resolved_at', 'is', null)
    .forUpdate()
    .execute();
  let changed = 0;
  const seen: number[] = [];
  for (const o of open) {
    const f = found.get(o.resource_id);
    const same =
      f &&
      f.match.rule.code === o.rule &&
      f.state === o.resource_state &&
      resourceStateToCode(f.match.expected) === o.expected_state;
    if (same) {
      seen.push(o.id);
      found.delete(o.resource_id);
      continue;
    }
    await updateFindings(tx, [o.id], { resolved_at: now, resolution: 'cleared' });
    changed++;
  }
  await updateFindings(tx, seen, { last_seen_at: now });
  await insertFindings(
    tx,
    [...found].map(([resourceId, f]) => ({
      resource_id: resourceId,
      order_id: f.orderId,
      rule: f.match.rule.code,
      resource_state: f.state,
      expected_state: resourceStateToCode(f.match.expected),
      detected_at: now,
      last_seen_at: now,
    })),
  );
  return changed + found.size;
}
