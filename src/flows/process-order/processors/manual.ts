import type { Processor } from '../../../modules/orders/app/processing-port.js';
import { completeIfAutomatic } from './auto-complete.js';

/**
 * `manual` (Basic): the provider finishes the order by hand (set_state_done) or cancels it; the
 * offering option `auto_complete_on_approval` completes it at once instead.
 */
export const manualProcessor: Processor = {
  start: completeIfAutomatic,
  forceDestroySkips: 'the provider was not asked to remove the resource by hand',
};
