import type { Tx } from '../../../../platform/db/database.js';

/** The processing attempts of one order, oldest first, with the username of who started each. */
export function listOrderAttempts(tx: Tx, orderId: number) {
  return tx
    .selectFrom('order_attempts as a')
    .leftJoin('users as u', 'u.id', 'a.started_by')
    .selectAll('a')
    .select('u.username as started_by_username')
    .where('a.order_id', '=', orderId)
    .orderBy('a.attempt_number')
    .execute();
}
