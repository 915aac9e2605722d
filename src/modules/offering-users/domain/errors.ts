import { InvalidStateError } from '../../../platform/errors.js';

/** The state table does not allow this action from the offering user's current state (409). */
export class InvalidOfferingUserTransitionError extends InvalidStateError {
  constructor(action: string, from: string) {
    super(
      'offering_user.invalid_state',
      `Offering user in state ${from} cannot ${action.replace(/_/g, ' ')}.`,
    );
  }
}
