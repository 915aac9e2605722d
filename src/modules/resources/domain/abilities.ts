/**
 * Evaluates the resource action table (`resource-actions.ts`) for one resource and one caller.
 * The POST path calls {@link assertResourceAction}; the presenter calls {@link resourceAbilities};
 * both run the same checks (orders spec §17 d, architecture G10).
 */
import type { DomainError } from '../../../platform/errors.js';
import { orderable } from '../../marketplace/domain/orderable.js';
import { terminable } from '../../marketplace/domain/terminable.js';
import { checkCapability, supports } from '../../offerings/domain/capabilities.js';
import {
  fixedValidationError,
  permissionDeniedError,
  projectExpiredError,
} from '../../orders/domain/errors.js';
import { BLOCKING_STATES } from '../../orders/domain/order-state.js';
import type { Ability, Verdict } from '../../orders/domain/types.js';
import {
  InvalidResourceTransitionError,
  offeringUnavailableError,
  prepaidRequiredError,
  resourceInvalidStateError,
  resourceUnsupportedError,
  restoreDisabledError,
  terminateStateError,
} from './errors.js';
import {
  RESOURCE_ACTION_RULES,
  RESOURCE_ACTIONS,
  type ResourceAction,
  type ResourceCheck,
  type ResourceGrant,
} from './resource-actions.js';
import { canTransition, type ResourceState } from './resource-state.js';
import type { ResourceCaller, ResourceContextFacts, ResourceFacts } from './types.js';

/** Everything the checks read: the resource, its surroundings and the caller. */
export interface ResourceAbilityInput {
  /** The resource. */
  readonly resource: ResourceFacts;
  /** Customer and project facts. */
  readonly context: ResourceContextFacts;
  /** The caller with resolved grants. */
  readonly caller: ResourceCaller<ResourceGrant>;
}

const OK: Verdict = { ok: true };
const fail = (error: DomainError, message: string): Verdict => ({
  ok: false,
  error,
  code: error.code,
  message,
});
const fromError = (error: DomainError): Verdict => fail(error, error.message);

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `validate_order` (§7.1) as far as read-time facts allow; org-group, ToS and plugin checks need the request. */
function validateOrder(
  check: Extract<ResourceCheck, { kind: 'validate_order' }>,
  input: ResourceAbilityInput,
): Verdict {
  const { resource, context, caller } = input;
  if (context.customerBlocked) return fromError(fixedValidationError('customer.blocked'));
  if (context.customerArchived) return fromError(fixedValidationError('customer.archived'));
  const pendingTerminate = resource.pendingOrders.some(
    (o) => o.type === 'Terminate' && o.state === 'pending-consumer',
  );
  if (check.confirmPendingTerminate && pendingTerminate) {
    // terminate confirms the pending order for consumer approvers instead of creating one (§8).
    const canConfirm = caller.isStaff || caller.grants.approveAsConsumer;
    return canConfirm ? OK : fromError(fixedValidationError('order.pending_order_exists'));
  }
  // Unavailable offerings were refused by the `offering_available` check before this one.
  const refusal = orderable({
    orderType: check.orderType,
    offeringState: resource.offeringState,
    projectExpired: context.projectExpired,
  });
  if (refusal === 'project_expired') return fromError(projectExpiredError(context.projectName));
  if (refusal === 'offering_not_orderable')
    return fromError(fixedValidationError('order.offering_not_orderable'));
  if (refusal === 'offering_unavailable') return fromError(offeringUnavailableError());
  if (check.supersedesPending && supports(resource.offeringType, 'forceDestroyInFlight')) return OK;
  const blocked = resource.pendingOrders.some((o) => BLOCKING_STATES.has(o.state));
  return blocked ? fromError(fixedValidationError('order.pending_order_exists')) : OK;
}

function runCheck(check: ResourceCheck, input: ResourceAbilityInput): Verdict {
  const { resource, caller } = input;
  switch (check.kind) {
    case 'permission':
      return caller.isStaff || caller.grants[check.grant]
        ? OK
        : fail(permissionDeniedError(), 'You do not have permission to perform this action.');
    case 'staff':
      return caller.isStaff ? OK : fail(permissionDeniedError(true), 'Only staff can perform this action.');
    case 'offering_available':
      return resource.offeringState === 'Unavailable' ? fromError(offeringUnavailableError()) : OK;
    case 'state':
      return check.states.includes(resource.state)
        ? OK
        : fail(resourceInvalidStateError(check.states), `Resource must be ${joinOr(check.states)}.`);
    case 'terminate_state': {
      if (terminable(resource.state)) return OK;
      const pendingTerminate = resource.pendingOrders.some(
        (o) => o.type === 'Terminate' && o.state === 'pending-consumer',
      );
      if (resource.state === 'Terminating' && pendingTerminate) return OK;
      return fail(
        terminateStateError(),
        'Resource must be OK or Erred, or Terminating with a termination order pending consumer approval.',
      );
    }
    case 'capability': {
      const cap = checkCapability(resource.offeringType, check.capability);
      return cap.supported ? OK : fail(resourceUnsupportedError(check.detail), cap.reason);
    }
    case 'restore_enabled':
      return resource.restoreEnabled ? OK : fromError(restoreDisabledError());
    case 'prepaid':
      return resource.hasPrepaidComponents ? OK : fromError(prepaidRequiredError());
    case 'reachable':
      return reachable(resource.state, check.to);
    case 'validate_order':
      return validateOrder(check, input);
  }
}

function reachable(from: ResourceState, to: ResourceState): Verdict {
  if (from === to || canTransition(from, to)) return OK;
  return fail(new InvalidResourceTransitionError(from, to), `Resource cannot become ${to} from ${from}.`);
}

/**
 * The resource serializer's `can_terminate` flag (§2.2): TERMINATE permission, state OK or ERRED,
 * customer not blocked, and no order in progress (any PENDING_STATES order). Not the order's flag.
 */
export function resourceCanTerminate({ resource, context, caller }: ResourceAbilityInput): boolean {
  const permitted = caller.isStaff || caller.grants.terminate;
  const inState = terminable(resource.state);
  return permitted && inState && !context.customerBlocked && resource.pendingOrders.length === 0;
}

/** Runs an action's checks in order and returns the first failure, or ok. */
export function evaluateResourceAction(action: ResourceAction, input: ResourceAbilityInput): Verdict {
  return firstResourceFailure(action, input)?.verdict ?? OK;
}

/** The first check of the action that fails, with its verdict; undefined when all pass. */
export function firstResourceFailure(
  action: ResourceAction,
  input: ResourceAbilityInput,
): { check: (typeof RESOURCE_ACTION_RULES)[ResourceAction]['checks'][number]; verdict: Verdict } | undefined {
  for (const check of RESOURCE_ACTION_RULES[action].checks) {
    const verdict = runCheck(check, input);
    if (!verdict.ok) return { check, verdict };
  }
  return undefined;
}

/** Throws the error the POST must answer when the action is refused. */
export function assertResourceAction(action: ResourceAction, input: ResourceAbilityInput): void {
  const verdict = evaluateResourceAction(action, input);
  if (!verdict.ok) throw verdict.error;
}

/** The ability of one resource action, as the presenter shows it. */
export function resourceAbility(action: ResourceAction, input: ResourceAbilityInput): Ability {
  const verdict = evaluateResourceAction(action, input);
  const warning = RESOURCE_ACTION_RULES[action].warning;
  if (verdict.ok) return warning === undefined ? { allowed: true } : { allowed: true, warning };
  return { allowed: false, reason: verdict.error.code, message: verdict.message };
}

/** The `abilities` map of a resource: every action → `{ allowed, reason?, message?, warning? }`. */
export function resourceAbilities(input: ResourceAbilityInput): Record<ResourceAction, Ability> {
  return Object.fromEntries(RESOURCE_ACTIONS.map((a) => [a, resourceAbility(a, input)])) as Record<
    ResourceAction,
    Ability
  >;
}
