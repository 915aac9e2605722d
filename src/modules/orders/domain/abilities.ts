/**
 * Evaluates the order action table (`order-actions.ts`) for one order and one caller.
 *
 * The POST path calls {@link assertOrderAction} and the presenter calls {@link orderAbilities}:
 * both run the same checks in the same order, so an ability is `allowed` exactly when the POST
 * would pass its 403/409/405/400 read-time checks (orders spec §17 d, architecture G10).
 */
import type { DomainError } from '../../../platform/errors.js';
import { capabilitiesOf, checkCapability } from '../../offerings/domain/capabilities.js';
import { resourceStateAfterOrderEvent } from '../../resources/domain/order-effects.js';
import {
  fixedValidationError,
  invalidStateError,
  messagingDisabledError,
  OrderErrorCode,
  orderNotFoundError,
  permissionDeniedError,
  projectExpiredError,
  retryRestoreError,
  retryUnsupportedError,
  unsupportedOfferingTypeError,
} from './errors.js';
import {
  ORDER_ACTION_RULES,
  ORDER_ACTIONS,
  type OrderAction,
  type OrderCheck,
  type OrderGrant,
} from './order-actions.js';
import type { OrderState } from './order-state.js';
import { joinStateTitles } from './order-state-display.js';
import type { Ability, OrderCaller, OrderContextFacts, OrderFacts, Verdict } from './types.js';

/** Everything the checks read: the order, its surroundings and the caller. */
export interface OrderAbilityInput {
  /** The order. */
  readonly order: OrderFacts;
  /** Customer, project, offering options and resource state. */
  readonly context: OrderContextFacts;
  /** The caller with resolved grants. */
  readonly caller: OrderCaller<OrderGrant>;
}

const OK: Verdict = { ok: true };
// The state checks are static rows of the action table: their message is built once per row.
const stateMessages = new WeakMap<readonly OrderState[], string>();
function stateMessage(states: readonly OrderState[]): string {
  let m = stateMessages.get(states);
  if (m === undefined) {
    m = `Order must be ${joinStateTitles(states)}.`;
    stateMessages.set(states, m);
  }
  return m;
}

/** The code of `orderNotFoundError()` (NotFoundError of an order). */
const ORDER_NOT_FOUND = 'order.not_found';

/**
 * A refusal whose error is built only when read: the presenter needs just the code and message for
 * every refused action of every listed order, and building the errors was 5 % of a list's server
 * CPU. A class, not an object literal with a getter (V8 made those slow objects: 4 % more).
 */
class Refusal {
  readonly ok = false;
  #error: DomainError | undefined;
  constructor(
    private readonly make: () => DomainError,
    readonly message: string,
    readonly code: string,
  ) {}
  /** The error the POST answers with. */
  get error(): DomainError {
    this.#error ??= this.make();
    return this.#error;
  }
}

function fail(make: () => DomainError, message: string, code: string): Verdict {
  return new Refusal(make, message, code);
}

function runCheck(check: OrderCheck, { order, context, caller }: OrderAbilityInput): Verdict {
  switch (check.kind) {
    case 'permission': {
      const granted =
        caller.isStaff || caller.grants[check.grant] || (check.allowCreator === true && caller.isCreator);
      return granted
        ? OK
        : fail(
            () => permissionDeniedError(),
            'You do not have permission to perform this action.',
            OrderErrorCode.PERMISSION_DENIED,
          );
    }
    case 'staff':
      return caller.isStaff
        ? OK
        : fail(
            () => permissionDeniedError(true),
            'Only staff can perform this action.',
            OrderErrorCode.PERMISSION_DENIED,
          );
    case 'customer_active':
      if (context.customerBlocked) return fromFixed('customer.blocked');
      return context.customerArchived ? fromFixed('customer.archived') : OK;
    case 'project_active':
      return context.projectExpired ? fromError(projectExpiredError(context.projectName)) : OK;
    case 'state': {
      if (check.states.includes(order.state)) return OK;
      const message = stateMessage(check.states);
      return check.onFail === 'not_found'
        ? fail(orderNotFoundError, message, ORDER_NOT_FOUND)
        : fail(() => invalidStateError(check.states), message, OrderErrorCode.INVALID_STATE);
    }
    case 'capability': {
      const cap = checkCapability(order.offeringType, check.capability);
      if (cap.supported) return OK;
      if (check.onFail === 'not_found') return fail(orderNotFoundError, cap.reason, ORDER_NOT_FOUND);
      const retry = check.onFail === 'retry';
      return fail(
        () =>
          retry
            ? retryUnsupportedError(order.offeringType)
            : unsupportedOfferingTypeError(order.offeringType),
        cap.reason,
        OrderErrorCode.UNSUPPORTED_OFFERING_TYPE,
      );
    }
    case 'processor':
      return capabilitiesOf(order.offeringType).processor === check.processor
        ? OK
        : fromError(unsupportedOfferingTypeError(order.offeringType));
    case 'order_type':
      return check.types.includes(order.type)
        ? OK
        : fail(orderNotFoundError, `Order must be of type ${check.types.join(' or ')}.`, ORDER_NOT_FOUND);
    case 'not_restore':
      return order.type === 'Restore' ? fromError(retryRestoreError()) : OK;
    case 'retry_resource': {
      const outcome = resourceStateAfterOrderEvent(order.type, 'retry', {
        currentState: context.resourceState,
        hasBackendId: true,
        forceDestroy: false,
        actorIsStaff: caller.isStaff,
      });
      return outcome.kind === 'refused' ? fromError(outcome.error) : OK;
    }
    case 'purchase_order': {
      const missing = context.purchaseOrderRequired && !order.hasAttachment && order.type !== 'Terminate';
      return missing ? fromFixed('order.purchase_order_required') : OK;
    }
    case 'consumer_review_required':
      return context.consumerReviewSkippable ? fromFixed('order.consumer_review_not_required') : OK;
    case 'not_reviewed_by_consumer':
      return order.consumerReviewed ? fromFixed('order.already_reviewed_by_consumer') : OK;
    case 'messaging_enabled':
      return context.messagingEnabled ? OK : fromError(messagingDisabledError());
    case 'has_attachment':
      return order.hasAttachment
        ? OK
        : fail(orderNotFoundError, 'The order has no attachment.', ORDER_NOT_FOUND);
  }
}

function fromError(error: DomainError): Verdict {
  return fail(() => error, error.message, error.code);
}

function fromFixed(code: Parameters<typeof fixedValidationError>[0]): Verdict {
  return fromError(fixedValidationError(code));
}

/**
 * The order serializer's `can_terminate` flag (§10.2): cancel availability for the UI of Waldur
 * clients. Not the resource's `can_terminate` (§2.2, quirk §16.15).
 */
export function orderCanTerminate(order: Pick<OrderFacts, 'state' | 'offeringType'>): boolean {
  const inState =
    order.state === 'pending-consumer' || order.state === 'pending-provider' || order.state === 'executing';
  return inState && checkCapability(order.offeringType, 'orderCanTerminate').supported;
}

/** Runs an action's checks in order and returns the first failure, or ok. */
export function evaluateOrderAction(action: OrderAction, input: OrderAbilityInput): Verdict {
  return firstFailure(action, input)?.verdict ?? OK;
}

/** The first check of the action that fails, with its verdict; undefined when all pass. */
export function firstFailure(
  action: OrderAction,
  input: OrderAbilityInput,
): { check: OrderCheck; verdict: Verdict } | undefined {
  for (const check of ORDER_ACTION_RULES[action].checks) {
    const verdict = runCheck(check, input);
    if (!verdict.ok) return { check, verdict };
  }
  return undefined;
}

/** Throws the error the POST must answer when the action is refused (used by routes/use cases). */
export function assertOrderAction(action: OrderAction, input: OrderAbilityInput): void {
  const verdict = evaluateOrderAction(action, input);
  if (!verdict.ok) throw verdict.error;
}

/** The ability of one action, as the presenter shows it. */
export function orderAbility(action: OrderAction, input: OrderAbilityInput): Ability {
  const verdict = evaluateOrderAction(action, input);
  const warning = ORDER_ACTION_RULES[action].warning;
  if (verdict.ok) return warning === undefined ? { allowed: true } : { allowed: true, warning };
  return { allowed: false, reason: verdict.code, message: verdict.message };
}

/** The `abilities` map of an order: every action → `{ allowed, reason?, message?, warning? }`. */
export function orderAbilities(input: OrderAbilityInput): Record<OrderAction, Ability> {
  return Object.fromEntries(ORDER_ACTIONS.map((action) => [action, orderAbility(action, input)])) as Record<
    OrderAction,
    Ability
  >;
}
