/**
 * Order states (orders spec §1.1) and the one order transition table (§3.3, architecture G3).
 *
 * `allowed` is the *effective* graph: Waldur's django-fsm transitions (§3.1) plus the moves it
 * makes by assigning `order.state` directly (§3.2). Every state change in Orderly goes through
 * {@link transition}; there is no second path that sets a state.
 */
import { InvalidOrderTransitionError } from './errors.js';

/** Order states by Waldur constant name; values are the API labels. Key order = Waldur CHOICES order. */
export const OrderState = {
  /** Waiting for consumer approval (code 1; the initial state). */
  PENDING_CONSUMER: 'pending-consumer',
  /** Waiting for provider approval (code 7). */
  PENDING_PROVIDER: 'pending-provider',
  /** Waiting for the project's start date (code 8). */
  PENDING_PROJECT: 'pending-project',
  /** Waiting for the order's own `start_date` (code 9; new since [MM24]). */
  PENDING_START_DATE: 'pending-start-date',
  /** Resource provisioning in progress; counts as "pending" (code 2). */
  EXECUTING: 'executing',
  /** Order completed successfully (code 3). */
  DONE: 'done',
  /** Order failed; terminal, although `retry` can reopen it (code 4). */
  ERRED: 'erred',
  /** Order was canceled (code 5). */
  CANCELED: 'canceled',
  /** Order was rejected by the consumer or the provider (code 6). */
  REJECTED: 'rejected',
} as const;

/** One order state, as its API label. */
export type OrderState = (typeof OrderState)[keyof typeof OrderState];

/** Database codes. Not in lifecycle order: 7, 8 and 9 were appended later (§16.1). */
export const ORDER_STATE_CODES = {
  'pending-consumer': 1,
  executing: 2,
  done: 3,
  erred: 4,
  canceled: 5,
  rejected: 6,
  'pending-provider': 7,
  'pending-project': 8,
  'pending-start-date': 9,
} as const satisfies Record<OrderState, number>;

/** All states in Waldur's CHOICES (display) order. */
export const ORDER_STATES: readonly OrderState[] = Object.values(OrderState);

/** State of a newly created order, before the post-save routing (§5.1). */
export const INITIAL_ORDER_STATE: OrderState = OrderState.PENDING_CONSUMER;

/** `TERMINAL_STATES` (§1.1). ERRED is terminal although it can be retried. */
export const TERMINAL_STATES: ReadonlySet<OrderState> = new Set<OrderState>([
  'done',
  'erred',
  'canceled',
  'rejected',
]);

/** `PENDING_STATES` (§1.1). EXECUTING counts as pending. */
export const PENDING_STATES: ReadonlySet<OrderState> = new Set<OrderState>([
  'pending-consumer',
  'pending-provider',
  'pending-project',
  'pending-start-date',
  'executing',
]);

/**
 * States that make `validate_order` answer "Pending order for resource already exists." (§7.1).
 * PENDING_PROJECT and PENDING_START_DATE are deliberately absent (quirk §16.7, copied).
 */
export const BLOCKING_STATES: ReadonlySet<OrderState> = new Set<OrderState>([
  'pending-consumer',
  'pending-provider',
  'executing',
]);

/**
 * The effective order graph (§3.3). Rows list every trigger, because a missing edge is a 409.
 * "any → ERRED" (§3.3 last rows) is API `set_state_erred`, which has no state validator
 * (§7.14, quirk §16.4, copied): so even terminal states, and ERRED itself, may move to ERRED.
 * Row deletion (DELETE, unlink) is not a transition and is not listed.
 */
export const allowed: Record<OrderState, readonly OrderState[]> = {
  // Routing on creation or consumer approval (§5.1, §5.4): project start → provider review →
  // start date → executing; set_state_executing (Slurm, §7.12); reject_by_consumer (§7.8);
  // cancel (§7.11) and terminate_resource (§11.5); set_state_erred.
  'pending-consumer': [
    'pending-project',
    'pending-provider',
    'pending-start-date',
    'executing',
    'rejected',
    'canceled',
    'erred',
  ],
  // approve_by_provider (§7.6); set_state_executing (Slurm); reject_by_provider (§7.7); cancel;
  // terminate_resource; set_state_erred.
  'pending-provider': ['pending-start-date', 'executing', 'rejected', 'canceled', 'erred'],
  // Project start reached or cleared: continue_order_processing (§5.6); set_state_erred.
  // cancel does not accept PENDING_PROJECT (§7.11).
  'pending-project': ['pending-provider', 'pending-start-date', 'executing', 'erred'],
  // Daily task when start_date <= today (§5.6); cancel (§7.11, new since [MM24]); set_state_erred.
  'pending-start-date': ['executing', 'canceled', 'erred'],
  // Processor / agent success or failure, fail() on timeout (§10.2); cancel (Basic, Support);
  // cancel_termination (Remote TERMINATE, §7.21); remote order canceled or rejected (§17 g).
  executing: ['done', 'erred', 'canceled'],
  // set_state_erred has no state check.
  done: ['erred'],
  // retry (§7.15), set_state_executing (Slurm), remote order live again (§17 g); set_state_erred.
  erred: ['executing', 'erred'],
  // set_state_erred has no state check.
  canceled: ['erred'],
  // set_state_erred has no state check.
  rejected: ['erred'],
};

/** Whether the effective graph has the edge `from → to`. */
export function canTransition(from: OrderState, to: OrderState): boolean {
  return allowed[from].includes(to);
}

/** Returns `to` when `from → to` is allowed; otherwise throws `order.invalid_transition` (409). */
export function transition(from: OrderState, to: OrderState): OrderState {
  if (!canTransition(from, to)) throw new InvalidOrderTransitionError(from, to);
  return to;
}

/** Whether the state is in `TERMINAL_STATES`. */
export function isTerminal(state: OrderState): boolean {
  return TERMINAL_STATES.has(state);
}

/** Whether the state is in `PENDING_STATES` (EXECUTING included). */
export function isPending(state: OrderState): boolean {
  return PENDING_STATES.has(state);
}

/** Whether a string is an order state label (API input such as filters). */
export function isOrderState(value: string): value is OrderState {
  return (ORDER_STATES as readonly string[]).includes(value);
}

/** The database code of an order state. */
export function orderStateToCode(state: OrderState): number {
  return ORDER_STATE_CODES[state];
}

/** The order state of a database code; a bad code is a programming error, not user input. */
export function orderStateFromCode(code: number): OrderState {
  const state = ORDER_STATES.find((s) => ORDER_STATE_CODES[s] === code);
  if (state === undefined) throw new RangeError(`Unknown order state code ${code}`);
  return state;
}
