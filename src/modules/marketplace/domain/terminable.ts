/** The resource states, as the resources module names them. */
export type ResourceStateName = 'Creating' | 'OK' | 'Erred' | 'Updating' | 'Terminating' | 'Terminated';

/** The states from which a Terminate order may be placed (orders spec §2.2 `can_terminate`, §8). */
export const TERMINABLE_STATES: readonly ResourceStateName[] = ['OK', 'Erred'];

/**
 * The one "can this be terminated" rule on the resource's state, shared by the resource's
 * `can_terminate` flag, the terminate action's check and the staff force destroy through terminate.
 */
export function terminable(state: ResourceStateName): boolean {
  return TERMINABLE_STATES.includes(state);
}
