import type { Actor } from '../../../platform/auth/actor.js';
import { invalidStateError } from '../domain/errors.js';
import { ORDER_ACTION_RULES, type OrderAction } from '../domain/order-actions.js';
import type { LockedOrder } from './lock-order.js';
import { recordRefusal } from './refused-move.js';

/**
 * Re-checks an action's state validator on the locked row: the route checked a snapshot, and a
 * concurrent request may have moved the order since (that loser answers 409, never half-applies,
 * and its refused transition is recorded with `actor`).
 */
export function requireState(o: LockedOrder, action: OrderAction, actor: Actor | null = null): void {
  for (const check of ORDER_ACTION_RULES[action].checks) {
    if (check.kind === 'state' && !check.states.includes(o.state))
      throw recordRefusal(
        invalidStateError(check.states),
        { id: o.row.id, state: o.state },
        action,
        actor,
        `Order is ${o.state} under the row lock; ${action} needs ${check.states.join(' or ')}.`,
      );
  }
}
