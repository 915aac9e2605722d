/**
 * Offering user states (Waldur's `OfferingUserState` labels) and the one transition table.
 *
 * The graph is the one the site agent documents (docs/offering-users.md of waldur-site-agent):
 * Requested → Creating (begin_creating) → OK when a username is set, or a pending state the user
 * must act on, or Error creating (retried by begin_creating); deletion runs Requested deletion →
 * Deleting → Deleted / Error deleting. `set_ok` is the provider's manual recovery.
 */
import { InvalidOfferingUserTransitionError } from './errors.js';

/** Every offering user state, as the API label. */
export const OfferingUserState = {
  /** Created by Orderly; waiting for the provider to create the account. */
  REQUESTED: 'Requested',
  /** The provider (agent) is creating the account. */
  CREATING: 'Creating',
  /** The account exists and has a username. */
  OK: 'OK',
  /** The user must link an existing account (comment and URL explain how). */
  PENDING_ACCOUNT_LINKING: 'Pending account linking',
  /** The user must pass an extra validation step. */
  PENDING_ADDITIONAL_VALIDATION: 'Pending additional validation',
  /** Creation failed; `begin_creating` retries. */
  ERROR_CREATING: 'Error creating',
  /** The account should be removed. */
  REQUESTED_DELETION: 'Requested deletion',
  /** The provider is removing the account. */
  DELETING: 'Deleting',
  /** The account is gone. */
  DELETED: 'Deleted',
  /** Removal failed. */
  ERROR_DELETING: 'Error deleting',
} as const;

/** One offering user state label. */
export type OfferingUserState = (typeof OfferingUserState)[keyof typeof OfferingUserState];

/** All states, for filters and checks. */
export const OFFERING_USER_STATES: readonly OfferingUserState[] = Object.values(OfferingUserState);

const S = OfferingUserState;
const PENDING = [S.PENDING_ACCOUNT_LINKING, S.PENDING_ADDITIONAL_VALIDATION] as const;
/** States of an account not created yet: a pending step may be (re)entered from each. */
const NOT_YET_CREATED = [S.REQUESTED, S.CREATING, S.ERROR_CREATING, ...PENDING] as const;

/**
 * The transition table: each action, the states it may start from and where it leads.
 * `username_set` is not a route: a username PATCH on an account still being created finishes it.
 */
export const OFFERING_USER_TRANSITIONS = {
  begin_creating: { from: [S.REQUESTED, S.ERROR_CREATING], to: S.CREATING },
  set_pending_account_linking: {
    from: [...NOT_YET_CREATED],
    to: S.PENDING_ACCOUNT_LINKING,
  },
  set_pending_additional_validation: {
    from: [...NOT_YET_CREATED],
    to: S.PENDING_ADDITIONAL_VALIDATION,
  },
  set_validation_complete: { from: [...PENDING], to: S.OK },
  set_error_creating: { from: [S.REQUESTED, S.CREATING, ...PENDING], to: S.ERROR_CREATING },
  set_ok: { from: [S.REQUESTED, S.CREATING, S.ERROR_CREATING, ...PENDING], to: S.OK },
  username_set: { from: [S.REQUESTED, S.CREATING, S.ERROR_CREATING], to: S.OK },
  request_deletion: { from: [S.OK, S.ERROR_CREATING, ...PENDING], to: S.REQUESTED_DELETION },
  set_deleting: { from: [S.REQUESTED_DELETION, S.ERROR_DELETING], to: S.DELETING },
  set_deleted: { from: [S.DELETING, S.REQUESTED_DELETION, S.ERROR_DELETING], to: S.DELETED },
  set_error_deleting: { from: [S.REQUESTED_DELETION, S.DELETING], to: S.ERROR_DELETING },
} as const satisfies Record<string, { from: readonly OfferingUserState[]; to: OfferingUserState }>;

/** One offering user state action. */
export type OfferingUserAction = keyof typeof OFFERING_USER_TRANSITIONS;

/** The actions that have their own `POST …/{uuid}/<action>/` route. */
export const ROUTED_ACTIONS: readonly OfferingUserAction[] = (
  Object.keys(OFFERING_USER_TRANSITIONS) as OfferingUserAction[]
).filter((a) => a !== 'username_set');

/** Whether `action` may start from `from`. */
export function canMove(action: OfferingUserAction, from: OfferingUserState): boolean {
  return (OFFERING_USER_TRANSITIONS[action].from as readonly OfferingUserState[]).includes(from);
}

/** The state `action` leads to from `from`, or the 409-kind error when the table forbids it. */
export function nextState(action: OfferingUserAction, from: OfferingUserState): OfferingUserState {
  if (!canMove(action, from)) throw new InvalidOfferingUserTransitionError(action, from);
  return OFFERING_USER_TRANSITIONS[action].to;
}

/** Reads a stored state label (the column's CHECK keeps it to the known ones). */
export function asOfferingUserState(s: string): OfferingUserState {
  const found = OFFERING_USER_STATES.find((x) => x === s);
  if (!found) throw new Error(`Unknown offering user state ${s}`);
  return found;
}
