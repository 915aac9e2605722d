/**
 * Typed errors of the resources domain (architecture G7). `detail` is Waldur's exact text where
 * the orders spec (or Waldur's source it cites) has one; "Orderly's text" marks the others.
 */
import { DomainError, InvalidStateError, ValidationError } from '../../../platform/errors.js';

/** Stable error codes raised by resource validators and transitions. */
export const ResourceErrorCode = {
  /** A transition is not an edge of the resource graph (§4.1, 409). */
  INVALID_TRANSITION: 'resource.invalid_transition',
  /** `StateValidator` on a resource action (409). */
  INVALID_STATE: 'resource.invalid_state',
  /** The offering is UNAVAILABLE (400, §8). */
  OFFERING_UNAVAILABLE: 'resource.offering_unavailable',
  /** The offering type cannot do this resource action (400, §8 / tenant spec §2). */
  UNSUPPORTED_OFFERING_TYPE: 'resource.unsupported_offering_type',
  /** `can_restore_resource` is not set on the offering (400, §8). */
  RESTORE_DISABLED: 'resource.restore_disabled',
  /** renew needs prepaid components (400, §8). */
  PREPAID_REQUIRED: 'resource.prepaid_components_required',
} as const;

/** A move outside the resource graph (409), e.g. set_state_done's outcome cannot apply (§17 c). */
export class InvalidResourceTransitionError extends InvalidStateError {
  /** State the resource was in. */
  readonly from: string;
  /** State that was requested. */
  readonly to: string;

  constructor(from: string, to: string) {
    super(ResourceErrorCode.INVALID_TRANSITION, `Resource cannot move from ${from} to ${to}.`);
    this.name = 'InvalidResourceTransitionError';
    this.from = from;
    this.to = to;
  }
}

/** `StateValidator` on a resource (409): "Valid states for operation: OK, Erred." */
export function resourceInvalidStateError(validLabels: readonly string[]): InvalidStateError {
  return new InvalidStateError(
    ResourceErrorCode.INVALID_STATE,
    `Valid states for operation: ${validLabels.join(', ')}.`,
  );
}

/** `validate_resource_terminate_state` (409), Waldur's exact text. */
export function terminateStateError(): InvalidStateError {
  return new InvalidStateError(
    ResourceErrorCode.INVALID_STATE,
    'Valid states for operation: OK, Erred, or Terminating when a termination order is pending consumer approval.',
  );
}

/** Mutating resource call on an UNAVAILABLE offering (400, §8). */
export function offeringUnavailableError(): ValidationError {
  return new ValidationError('Offering is unavailable.', [], ResourceErrorCode.OFFERING_UNAVAILABLE);
}

/** A resource action the offering type does not support (400); `detail` names the action. */
export function resourceUnsupportedError(detail: string): ValidationError {
  return new ValidationError(detail, [], ResourceErrorCode.UNSUPPORTED_OFFERING_TYPE);
}

/** Restore without `plugin_options.can_restore_resource` (400). Orderly's text. */
export function restoreDisabledError(): ValidationError {
  return new ValidationError(
    'Resource restoration is not enabled for this offering.',
    [],
    ResourceErrorCode.RESTORE_DISABLED,
  );
}

/** renew on a resource without prepaid components (400). Orderly's text. */
export function prepaidRequiredError(): ValidationError {
  return new ValidationError(
    'Renewal is only possible for resources with prepaid components.',
    [],
    ResourceErrorCode.PREPAID_REQUIRED,
  );
}

/** Narrowing helper for callers that hold an unknown error. */
export function isResourceTransitionError(error: unknown): error is InvalidResourceTransitionError {
  return error instanceof DomainError && error.code === ResourceErrorCode.INVALID_TRANSITION;
}
