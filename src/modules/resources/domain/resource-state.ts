/**
 * Resource states (orders spec §1.3) and the one resource transition table (§4.1, architecture G3).
 *
 * The table is Waldur's django-fsm on `Resource`. Where the source is "any" (`source="*"`) the
 * target itself is included, as django-fsm does; callers that must not repeat a state (e.g.
 * "UPDATING if not already", §4.2) skip the call instead. The only self-edge Waldur refuses is
 * OK → OK (`set_state_ok` does not list OK as a source), which the table reproduces.
 */
import { InvalidResourceTransitionError } from './errors.js';

/** Resource states by Waldur constant name; values are the API labels. */
export const ResourceState = {
  /** Being provisioned: new CREATE order, restore, or retry of a CREATE (code 1; the default). */
  CREATING: 'Creating',
  /** Provisioned and usable (code 2). */
  OK: 'OK',
  /** A backend operation failed, or staff/provider set it (code 3). */
  ERRED: 'Erred',
  /** An UPDATE order exists (set at order creation, §4.2, code 4). */
  UPDATING: 'Updating',
  /** A TERMINATE order exists (set at order creation, §4.2, code 5). */
  TERMINATING: 'Terminating',
  /** Gone; only `restore` brings it back (code 6). */
  TERMINATED: 'Terminated',
} as const;

/** One resource state, as its API label. */
export type ResourceState = (typeof ResourceState)[keyof typeof ResourceState];

/** Database codes (§1.3). */
export const RESOURCE_STATE_CODES = {
  Creating: 1,
  OK: 2,
  Erred: 3,
  Updating: 4,
  Terminating: 5,
  Terminated: 6,
} as const satisfies Record<ResourceState, number>;

/** All resource states in code order. */
export const RESOURCE_STATES: readonly ResourceState[] = Object.values(ResourceState);

/** States whose fixed price is charged: every one after Creating (Terminated only until it ended). */
export const BILLED_STATES: readonly ResourceState[] = ['OK', 'Erred', 'Updating', 'Terminating'];

/** State of a resource created by a CREATE order (§1.3). */
export const INITIAL_RESOURCE_STATE: ResourceState = ResourceState.CREATING;

/** The resource graph (§4.1). Comments name the FSM method that provides each edge. */
export const allowed: Record<ResourceState, readonly ResourceState[]> = {
  // set_state_ok, set_state_erred, set_state_updating, set_state_terminating, set_state_terminated.
  Creating: ['OK', 'Erred', 'Updating', 'Terminating', 'Terminated'],
  // OK → OK raises TransitionNotAllowed; OK → Creating is not a set_state_creating source.
  OK: ['Erred', 'Updating', 'Terminating', 'Terminated'],
  // set_state_creating accepts ERRED (retry of CREATE, §7.15); the rest are "any".
  Erred: ['Creating', 'OK', 'Erred', 'Updating', 'Terminating', 'Terminated'],
  Updating: ['OK', 'Erred', 'Updating', 'Terminating', 'Terminated'],
  Terminating: ['OK', 'Erred', 'Updating', 'Terminating', 'Terminated'],
  // set_state_creating accepts TERMINATED (restore and retry of CREATE); set_state_ok does not.
  Terminated: ['Creating', 'Erred', 'Updating', 'Terminating', 'Terminated'],
};

/** Whether the resource graph has the edge `from → to`. */
export function canTransition(from: ResourceState, to: ResourceState): boolean {
  return allowed[from].includes(to);
}

/** Returns `to` when `from → to` is allowed; otherwise throws `resource.invalid_transition` (409). */
export function transition(from: ResourceState, to: ResourceState): ResourceState {
  if (!canTransition(from, to)) throw new InvalidResourceTransitionError(from, to);
  return to;
}

/** Whether the resource is gone (TERMINATED). */
export function isTerminated(state: ResourceState): boolean {
  return state === ResourceState.TERMINATED;
}

/** Whether the resource is in a transitional state an order is working on. */
export function isTransitional(state: ResourceState): boolean {
  return state === 'Creating' || state === 'Updating' || state === 'Terminating';
}

/** Whether a string is a resource state label (API input). */
export function isResourceState(value: string): value is ResourceState {
  return (RESOURCE_STATES as readonly string[]).includes(value);
}

/** The database code of a resource state. */
export function resourceStateToCode(state: ResourceState): number {
  return RESOURCE_STATE_CODES[state];
}

/** The resource state of a database code; a bad code is a programming error, not user input. */
export function resourceStateFromCode(code: number): ResourceState {
  const state = RESOURCE_STATES.find((s) => RESOURCE_STATE_CODES[s] === code);
  if (state === undefined) throw new RangeError(`Unknown resource state code ${code}`);
  return state;
}
