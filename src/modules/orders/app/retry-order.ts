import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { requireState } from './guards.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';
import { startProcessing } from './processing-port.js';

/**
 * `retry` (§7.15, seed 000): under the row locks the resource goes back to Creating / Updating /
 * Terminating, the order's and resource's error fields and `completed_at` are cleared, the order is
 * EXECUTING again with attempt n+1, and the processor runs. The cleared errors stay in the
 * previous attempt (§17 a).
 */
export async function retryOrder(tx: Tx, actor: Actor, orderId: number, reason = ''): Promise<void> {
  let o = await lockOrder(tx, orderId);
  requireState(o, 'retry', actor);
  // Clearing the errors is a change of them, so `error_updated_at` follows (§2.1 custom save()).
  const hadErrors = o.row.error_message !== '' || o.row.error_traceback !== '';
  o = await moveOrder(tx, o, {
    to: 'executing',
    action: 'retry',
    event: 'retry',
    actor,
    reason,
    trigger: 'retry',
    set: {
      error_message: '',
      error_traceback: '',
      completed_at: null,
      ...(hadErrors ? { error_updated_at: new Date() } : {}),
    },
    resourceErrors: null,
  });
  await startProcessing(tx, o, actor);
}
