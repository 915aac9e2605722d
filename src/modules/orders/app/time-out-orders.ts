import type { Tx } from '../../../platform/db/database.js';
import { capabilitiesOf } from '../../offerings/domain/capabilities.js';
import { OFFERING_TYPES } from '../../offerings/domain/offering-type.js';
import { ORDER_STATE_CODES } from '../domain/order-state.js';
import { lockOrder } from './lock-order.js';
import { failProcessing } from './outcomes.js';

/** Waldur's text for an order that stayed EXECUTING too long (§10.2). */
export const TIMED_OUT_MESSAGE = 'Execution has timed out.';

/** Offering types whose EXECUTING orders time out (capability `interruptible`). */
export const INTERRUPTIBLE_TYPES = OFFERING_TYPES.filter((t) => capabilitiesOf(t).interruptible);

/**
 * `mark_resources_as_erred_after_timeout` (§10.2): EXECUTING orders of interruptible types whose
 * running attempt started more than `timeoutSeconds` ago fail with "Execution has timed out."; the
 * resource becomes Erred. Rows are taken with SKIP LOCKED so a concurrent transition wins cleanly.
 */
export async function timeOutStaleOrders(
  tx: Tx,
  now: Date,
  timeoutSeconds: number,
  batch = 100,
): Promise<number> {
  const cutoff = new Date(now.getTime() - timeoutSeconds * 1000);
  const stale = await tx
    .selectFrom('orders as o')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .innerJoin('order_attempts as a', (j) =>
      j.onRef('a.order_id', '=', 'o.id').on('a.outcome', '=', 'running'),
    )
    .select('o.id')
    .where('o.state', '=', ORDER_STATE_CODES.executing)
    .where('f.type', 'in', INTERRUPTIBLE_TYPES)
    .where('a.started_at', '<', cutoff)
    .orderBy('a.started_at')
    .limit(batch)
    .forUpdate('o')
    .skipLocked()
    .execute();
  for (const { id } of stale) {
    const o = await lockOrder(tx, id);
    if (o.state === 'executing') await failProcessing(tx, o, null, TIMED_OUT_MESSAGE, '', 'timed_out');
  }
  return stale.length;
}
