/**
 * Typed errors of the offerings domain (architecture G7): stable codes, no HTTP.
 */
import { InvalidStateError } from '../../../platform/errors.js';

/** Stable error codes raised by the offerings domain. */
export const OfferingErrorCode = {
  /** A lifecycle action is not allowed from the offering's current state (or it has no plans). */
  INVALID_TRANSITION: 'offering.invalid_transition',
} as const;

/** An offering lifecycle action was refused by the state table (409). */
export class InvalidOfferingTransitionError extends InvalidStateError {
  /** State the offering was in. */
  readonly from: string;
  /** State the action would have produced. */
  readonly to: string;

  constructor(from: string, to: string, action: string) {
    super(
      OfferingErrorCode.INVALID_TRANSITION,
      `Offering cannot ${action.replace('_', ' ')} from state ${from}.`,
    );
    this.name = 'InvalidOfferingTransitionError';
    this.from = from;
    this.to = to;
  }
}
