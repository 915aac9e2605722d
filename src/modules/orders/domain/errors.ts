/**
 * Typed errors of the orders domain (architecture G7). Each carries a stable `code`; `detail`
 * is Waldur's exact text where the orders spec quotes one, because Waldur clients match on some
 * of them (§6). Texts marked "Orderly's text" have no quoted Waldur original.
 */
import {
  DomainError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  ValidationError,
} from '../../../platform/errors.js';

/** Stable error codes raised by order validators and transitions. */
export const OrderErrorCode = {
  /** A transition is not an edge of the effective graph (§3.3). */
  INVALID_TRANSITION: 'order.invalid_transition',
  /** `StateValidator`: the order is not in a state the action accepts (409). */
  INVALID_STATE: 'order.invalid_state',
  /** `OfferingTypeValidator` / retry support: the offering type does not support the action (405). */
  UNSUPPORTED_OFFERING_TYPE: 'order.unsupported_offering_type',
  /** Retry of a RESTORE order (§7.15, 400). */
  RETRY_UNSUPPORTED_ORDER_TYPE: 'order.retry_unsupported_order_type',
  /** Retry refused because the resource cannot take the retry state (§7.15, 400). */
  RETRY_RESOURCE_STATE: 'order.retry_resource_state',
  /** `require_purchase_order_upload` without attachment (§7.5, 400). */
  PURCHASE_ORDER_REQUIRED: 'order.purchase_order_required',
  /** reject_by_consumer when the creator could have auto-approved (§7.8, 400). */
  CONSUMER_REVIEW_NOT_REQUIRED: 'order.consumer_review_not_required',
  /** reject_by_consumer after a consumer review (§7.8, 400). */
  ALREADY_REVIEWED_BY_CONSUMER: 'order.already_reviewed_by_consumer',
  /** Provider/consumer messaging is off for the offering (§7.18, 409). */
  MESSAGING_DISABLED: 'order.messaging_disabled',
  /** `validate_order`: the resource already has an order in progress (§7.1, 400). */
  PENDING_ORDER_EXISTS: 'order.pending_order_exists',
  /** `validate_order`: the offering is not ACTIVE or PAUSED for a non-TERMINATE order (§1.4, 400). */
  OFFERING_NOT_ORDERABLE: 'order.offering_not_orderable',
  /** `check_customer_blocked_or_archived` (400). */
  CUSTOMER_BLOCKED: 'customer.blocked',
  /** `check_customer_blocked_or_archived` (400). */
  CUSTOMER_ARCHIVED: 'customer.archived',
  /** `check_project_end_date` (400). */
  PROJECT_EXPIRED: 'project.expired',
  /** The caller lacks the permission (403); the platform's ForbiddenError default. */
  PERMISSION_DENIED: 'permission_denied',
} as const;

/** A move outside the effective order graph (409); used by use cases after row locks (§17 c). */
export class InvalidOrderTransitionError extends InvalidStateError {
  /** State the order was in. */
  readonly from: string;
  /** State that was requested. */
  readonly to: string;

  constructor(from: string, to: string) {
    super(OrderErrorCode.INVALID_TRANSITION, `Order cannot move from ${from} to ${to}.`);
    this.name = 'InvalidOrderTransitionError';
    this.from = from;
    this.to = to;
  }
}

/** Waldur `StateValidator` (409): "Valid states for operation: a, b." using the API labels. */
export function invalidStateError(validLabels: readonly string[]): InvalidStateError {
  return new InvalidStateError(
    OrderErrorCode.INVALID_STATE,
    `Valid states for operation: ${validLabels.join(', ')}.`,
  );
}

/** Waldur `OfferingTypeValidator` (405), exact text including its missing final period. */
export function unsupportedOfferingTypeError(offeringType: string): DomainError {
  return new DomainError(
    'unsupported',
    OrderErrorCode.UNSUPPORTED_OFFERING_TYPE,
    `The order's offering with ${offeringType} type does not support this action`,
  );
}

/** Retry on a type without `supports_order_retry` (405, §7.15). */
export function retryUnsupportedError(offeringType: string): DomainError {
  return new DomainError(
    'unsupported',
    OrderErrorCode.UNSUPPORTED_OFFERING_TYPE,
    `Retry is not supported for offerings of type ${offeringType}`,
  );
}

/** Retry of a RESTORE order (400, §7.15). Orderly's text. */
export function retryRestoreError(): ValidationError {
  return new ValidationError(
    'Retry is not supported for Restore orders.',
    [],
    OrderErrorCode.RETRY_UNSUPPORTED_ORDER_TYPE,
  );
}

/** Retry whose resource FSM step fails (400, §7.15); `resourceState` is the resource label. */
export function retryResourceStateError(resourceState: string): ValidationError {
  return new ValidationError(
    `Cannot retry: resource state ${resourceState} does not allow transition.`,
    [],
    OrderErrorCode.RETRY_RESOURCE_STATE,
  );
}

/** Fixed-text 400 errors, keyed by code. */
const FIXED_400 = {
  [OrderErrorCode.PURCHASE_ORDER_REQUIRED]: 'Purchase order is required for approval.',
  [OrderErrorCode.CONSUMER_REVIEW_NOT_REQUIRED]: 'Review of order by consumer is not required.',
  [OrderErrorCode.ALREADY_REVIEWED_BY_CONSUMER]: 'Order is already reviewed by consumer.',
  [OrderErrorCode.PENDING_ORDER_EXISTS]: 'Pending order for resource already exists.',
  [OrderErrorCode.CUSTOMER_BLOCKED]: 'Blocked organization is not available.',
  [OrderErrorCode.CUSTOMER_ARCHIVED]: 'Archived organization is not available.',
  // Orderly's text: the spec names the rule (§1.4 validate_order) but quotes no message.
  [OrderErrorCode.OFFERING_NOT_ORDERABLE]: 'Offering is not available for ordering.',
} as const;

/** A code whose 400 text is fixed. */
export type FixedValidationCode = keyof typeof FIXED_400;

/** A 400 with one of the fixed texts above. */
export function fixedValidationError(code: FixedValidationCode): ValidationError {
  return new ValidationError(FIXED_400[code], [], code);
}

/** `check_project_end_date` (400): "Project '<name>' is expired." */
export function projectExpiredError(projectName: string): ValidationError {
  return new ValidationError(`Project '${projectName}' is expired.`, [], OrderErrorCode.PROJECT_EXPIRED);
}

/** Messaging disabled for the offering (409, §7.18). Orderly's text. */
export function messagingDisabledError(): InvalidStateError {
  return new InvalidStateError(
    OrderErrorCode.MESSAGING_DISABLED,
    'Provider and consumer messaging is not enabled for this offering.',
  );
}

/** Permission refusal (403); staff-only actions say so. */
export function permissionDeniedError(staffOnly = false): ForbiddenError {
  return staffOnly
    ? new ForbiddenError(OrderErrorCode.PERMISSION_DENIED, 'Only staff can perform this action.')
    : new ForbiddenError();
}

/** An order the action cannot see (404): cancel_termination's lookup (§7.21), a missing attachment. */
export function orderNotFoundError(): NotFoundError {
  return new NotFoundError('order');
}
