import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { ORDER_STATE_CODES, orderStateFromCode } from '../../orders/domain/order-state.js';
import { notifyApprovers } from './notify-order.js';

/**
 * Reminds approvers once per wait: orders still pending-consumer or pending-provider `afterSeconds`
 * after they entered that state (creation, or the transition row into pending-provider), with no
 * reminder yet. An order enters each waiting state at most once (the `allowed` table), so
 * (order, state) names the wait; the unique reminder index makes a second run a no-op.
 */
export async function remindWaitingApprovals(
  tx: Tx,
  now: Date,
  afterSeconds: number,
  batch = 100,
): Promise<number> {
  if (afterSeconds <= 0) return 0;
  const cutoff = new Date(now.getTime() - afterSeconds * 1000);
  const due = await tx
    .selectFrom('orders as o')
    .select(['o.id', 'o.state'])
    .where('o.state', 'in', [ORDER_STATE_CODES['pending-consumer'], ORDER_STATE_CODES['pending-provider']])
    .where(
      sql<Date>`CASE WHEN o.state = ${sql.lit(ORDER_STATE_CODES['pending-consumer'])} THEN o.created ELSE coalesce(
        (SELECT max(t.created) FROM order_transitions t WHERE t.order_id = o.id AND t.is_valid AND t.to_state = ${sql.lit(ORDER_STATE_CODES['pending-provider'])}),
        o.created) END`,
      '<=',
      cutoff,
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notifications as n')
            .select('n.id')
            .whereRef('n.order_id', '=', 'o.id')
            .whereRef('n.order_state', '=', 'o.state')
            .where('n.kind', '=', 'approval_reminder'),
        ),
      ),
    )
    .orderBy('o.created')
    .limit(batch)
    .execute();
  for (const o of due) await notifyApprovers(tx, o.id, orderStateFromCode(o.state), true);
  return due.length;
}
