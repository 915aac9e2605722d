import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { requireState } from './guards.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';

/** `cancel` (§7.11): CANCELED; a Create's resource → Terminated, others → OK (§4.2). */
export async function cancelOrder(tx: Tx, actor: Actor, orderId: number, reason?: string): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'cancel', actor);
  await moveOrder(tx, o, {
    to: 'canceled',
    action: 'cancel',
    event: 'canceled',
    actor,
    reason: reason ?? '',
    set: { termination_comment: reason ?? '' },
  });
}
