import type { Processor } from '../../../modules/orders/app/processing-port.js';
import { completeIfAutomatic } from './auto-complete.js';

/**
 * `helpdesk` (Support): done when the issue is resolved (set_state_done); Orderly opens no issue yet,
 * and `auto_complete_on_approval` completes the order at once as for Basic.
 */
export const helpdeskProcessor: Processor = {
  start: completeIfAutomatic,
  forceDestroySkips: 'no helpdesk issue was opened',
};
