import { failProcessing } from '../../../modules/orders/app/outcomes.js';
import type { Processor } from '../../../modules/orders/app/processing-port.js';

/** Message of types whose backend integration needs settings Orderly does not have yet (issue scope). */
export const NO_BACKEND_SETTINGS = 'No backend settings are configured for this offering.';

/**
 * `plugin_scope` (OpenStack, Rancher, VMware, …): Waldur creates a plugin model whose state sync
 * completes the order; Orderly has no backend settings for these, so the order fails at once.
 */
export const pluginScopeProcessor: Processor = {
  start: (tx, o, actor) => failProcessing(tx, o, actor, NO_BACKEND_SETTINGS, ''),
  forceDestroySkips: null,
};
