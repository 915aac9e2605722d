/**
 * The agent bookkeeping actions the resource action table (`resource-actions.ts`) does not list:
 * `set_backend_metadata`, `set_endpoints` and `refresh_last_sync` (orders spec §8 last row, §13).
 * Same contract as that table: permission (403), then the offering's availability (400), evaluated
 * once for the POST and once for `abilities` (§17 d). Kept apart so the colleague-owned table is
 * not edited here; it can be folded into `RESOURCE_ACTION_RULES` unchanged.
 */
import type { DomainError } from '../../../platform/errors.js';
import type { OfferingState } from '../../offerings/domain/offering-type.js';
import { permissionDeniedError } from '../../orders/domain/errors.js';
import type { Ability, GrantDefinition, Verdict } from '../../orders/domain/types.js';
import { offeringUnavailableError } from './errors.js';

/** A bookkeeping action. */
export type BookkeepingAction =
  | 'set_backend_metadata'
  | 'set_endpoints'
  | 'refresh_last_sync'
  | 'update'
  | 'set_end_date'
  | 'set_end_date_by_provider'
  | 'set_end_date_by_staff'
  | 'set_paused'
  | 'set_downscaled'
  | 'set_restrict_member_access';

/** Every bookkeeping action, in table order. */
export const BOOKKEEPING_ACTIONS: readonly BookkeepingAction[] = [
  'set_backend_metadata',
  'set_endpoints',
  'refresh_last_sync',
  'update',
  'set_end_date',
  'set_end_date_by_provider',
  'set_end_date_by_staff',
  'set_paused',
  'set_downscaled',
  'set_restrict_member_access',
];

/** Grants the bookkeeping actions use (§8: RESOURCE.SET_BACKEND_METADATA / RESOURCE.SET_STATE). */
export const BOOKKEEPING_GRANTS = {
  /** Waldur's `ResourceSetEndpointsTest` grants SET_RESOURCE_BACKEND_METADATA for endpoints too. */
  setBackendMetadata: {
    permission: 'RESOURCE.SET_BACKEND_METADATA',
    scopes: ['offering', 'offering.customer'],
  },
  /** The agent refreshes `last_sync` with the grant it uses for set_as_ok / set_as_erred (§13). */
  setState: { permission: 'RESOURCE.SET_STATE', scopes: ['offering', 'offering.customer'] },
  /** Name, description and end date (PUT/PATCH): the consumer's owner or the provider's owner. */
  update: { permission: 'RESOURCE.UPDATE', scopes: ['project', 'project.customer', 'offering.customer'] },
  /** The consumer's end date (Waldur: owner-only SET_RESOURCE_END_DATE on the project/customer). */
  setEndDate: { permission: 'RESOURCE.SET_END_DATE', scopes: ['project', 'project.customer'] },
  /** `user_can_set_end_date_by_provider`: SET_RESOURCE_END_DATE on the offering's organization. */
  setEndDateByProvider: { permission: 'RESOURCE.SET_END_DATE', scopes: ['offering.customer'] },
} as const satisfies Record<string, GrantDefinition>;

/** One bookkeeping grant name. */
export type BookkeepingGrant = keyof typeof BOOKKEEPING_GRANTS;

/** Which grant each action needs (`staff`: staff only, as Waldur's `is_staff` permission). */
export const BOOKKEEPING_RULES: Record<BookkeepingAction, BookkeepingGrant | 'staff'> = {
  set_backend_metadata: 'setBackendMetadata',
  set_endpoints: 'setBackendMetadata',
  refresh_last_sync: 'setState',
  update: 'update',
  set_end_date: 'setEndDate',
  set_end_date_by_provider: 'setEndDateByProvider',
  set_end_date_by_staff: 'staff',
  // The site agent's flags, written with the grant it uses for set_as_ok / set_as_erred (§13).
  set_paused: 'setState',
  set_downscaled: 'setState',
  set_restrict_member_access: 'setState',
};

/** What the bookkeeping checks read. */
export interface BookkeepingInput {
  /** Staff pass every grant. */
  readonly isStaff: boolean;
  /** Global support passes `set_end_date_by_provider` (Waldur `user_can_set_end_date_by_provider`). */
  readonly isSupport: boolean;
  /** Resolved bookkeeping grants. */
  readonly grants: Readonly<Record<BookkeepingGrant, boolean>>;
  /** The offering's state (UNAVAILABLE refuses every mutating call, §8). */
  readonly offeringState: OfferingState;
}

const fail = (error: DomainError, message: string): Verdict => ({
  ok: false,
  error,
  code: error.code,
  message,
});

/** Runs the action's checks: permission, then availability. */
export function evaluateBookkeeping(action: BookkeepingAction, input: BookkeepingInput): Verdict {
  const rule = BOOKKEEPING_RULES[action];
  const supportPass = input.isSupport && action === 'set_end_date_by_provider';
  if (!input.isStaff && !supportPass && (rule === 'staff' || !input.grants[rule])) {
    return fail(permissionDeniedError(), 'You do not have permission to perform this action.');
  }
  if (input.offeringState === 'Unavailable') {
    const error = offeringUnavailableError();
    return fail(error, error.message);
  }
  return { ok: true };
}

/** Throws the error the POST answers when the action is refused. */
export function assertBookkeeping(action: BookkeepingAction, input: BookkeepingInput): void {
  const verdict = evaluateBookkeeping(action, input);
  if (!verdict.ok) throw verdict.error;
}

/** The abilities of the bookkeeping actions. */
export function bookkeepingAbilities(input: BookkeepingInput): Record<BookkeepingAction, Ability> {
  const out = {} as Record<BookkeepingAction, Ability>;
  for (const action of BOOKKEEPING_ACTIONS) {
    const v = evaluateBookkeeping(action, input);
    out[action] = v.ok ? { allowed: true } : { allowed: false, reason: v.error.code, message: v.message };
  }
  return out;
}
