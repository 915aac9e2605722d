import type { ResourceAction } from './resource-actions.js';
import type { ResourceState } from './resource-state.js';

/** The state each direct state action moves a resource to, as recorded on a refused transition (G5). */
export const RESOURCE_ACTION_TARGET: Partial<Record<ResourceAction, ResourceState>> = {
  set_as_erred: 'Erred',
  set_as_ok: 'OK',
  set_state_ok: 'OK',
};
