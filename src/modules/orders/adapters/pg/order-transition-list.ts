import type { Tx } from '../../../../platform/db/database.js';

/** The state history of one order, oldest first (refused transitions too), with each actor's username. */
export function listOrderTransitions(tx: Tx, orderId: number) {
  return tx
    .selectFrom('order_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .select([
      't.id',
      't.previous_id',
      't.from_state',
      't.to_state',
      't.action',
      't.reason',
      't.is_valid',
      't.created',
      'u.username as actor_username',
    ])
    .where('t.order_id', '=', orderId)
    .orderBy('t.id')
    .execute();
}
