import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import { orderStateToCode, PENDING_STATES } from '../../domain/order-state.js';
import { type RuleFilter, ruleColumns, visibleRules } from './auto-approval-rules.js';
import { recordsByIds, visibleOrders } from './order-visibility.js';

/** The caller's own orders that are still pending, newest first (dashboard "my orders"). */
export function myPendingOrders(tx: Tx, actor: Actor) {
  const q = visibleOrders(tx, actor)
    .where('o.created_by', '=', actor.id)
    .where('o.state', 'in', [...PENDING_STATES].map(orderStateToCode));
  return queryList(tx, q, async (w, limit, offset) => {
    const ids = await w
      .select('o.id')
      .orderBy('o.created', 'desc')
      .orderBy('o.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return recordsByIds(
      tx,
      ids.map((r) => r.id),
    );
  });
}

/** `GET /api/marketplace-project-order-auto-approvals/`: the visible rules, oldest first. */
export function ruleList(tx: Tx, actor: Actor, f: RuleFilter) {
  return queryList(tx, visibleRules(tx, actor, f), (q, limit, offset) =>
    ruleColumns(q).orderBy('a.id').limit(limit).offset(offset).execute(),
  );
}

/** The visible rule with this uuid, if any. */
export function findVisibleRule(tx: Tx, actor: Actor, uuid: string) {
  return ruleColumns(visibleRules(tx, actor)).where('a.uuid', '=', uuid).executeTakeFirst();
}
