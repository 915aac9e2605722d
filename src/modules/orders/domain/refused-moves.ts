import type { OrderAction } from './order-actions.js';
import type { OrderState } from './order-state.js';

/**
 * The state each lifecycle action moves an order to, as recorded on a refused transition row (G5):
 * when the action's state check fails, the row says which move was asked for. Approval by the
 * consumer is recorded as the move to pending-provider, its first possible target.
 */
export const ACTION_TARGET: Partial<Record<OrderAction, OrderState>> = {
  approve_by_consumer: 'pending-provider',
  approve_by_provider: 'executing',
  reject_by_consumer: 'rejected',
  reject_by_provider: 'rejected',
  cancel: 'canceled',
  set_state_executing: 'executing',
  set_state_done: 'done',
  set_state_erred: 'erred',
  retry: 'executing',
};
