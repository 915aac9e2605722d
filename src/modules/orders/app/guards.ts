import { invalidStateError } from '../domain/errors.js';
import { ORDER_ACTION_RULES, type OrderAction } from '../domain/order-actions.js';
import type { LockedOrder } from './lock-order.js';

/**
 * Re-checks an action's state validator on the locked row: the route checked a snapshot, and a
 * concurrent request may have moved the order since (that loser answers 409, never half-applies).
 */
export function requireState(o: LockedOrder, action: OrderAction): void {
  for (const check of ORDER_ACTION_RULES[action].checks) {
    if (check.kind === 'state' && !check.states.includes(o.state)) throw invalidStateError(check.states);
  }
}
