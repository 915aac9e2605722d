import { autoCompletesOnApproval } from '../../../modules/offerings/domain/plugin-options.js';
import type { LockedOrder } from '../../../modules/orders/app/lock-order.js';
import { completeOrder } from '../../../modules/orders/app/outcomes.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';

/**
 * The start of processors that wait for a person (manual Basic, helpdesk Support): the order stays
 * EXECUTING, unless the offering completes orders at approval (`auto_complete_on_approval`, Waldur's
 * Basic processor returning None ⇒ DONE/OK).
 */
export async function completeIfAutomatic(tx: Tx, o: LockedOrder, actor: Actor | null): Promise<LockedOrder> {
  if (!autoCompletesOnApproval(o.offeringType, o.offeringPluginOptions)) return o;
  return completeOrder(tx, o, actor, 'process');
}
