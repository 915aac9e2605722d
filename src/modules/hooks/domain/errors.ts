import { type DomainError, ValidationError } from '../../../platform/errors.js';

/** The destination resolves to an address the policy refuses (private, loopback, link-local…). */
export class DestinationNotAllowedError extends ValidationError {
  constructor(detail: string) {
    super(detail, [{ pointer: '/body/destination_url', detail }], 'hook.destination_not_allowed');
  }
}

/** The destination's host name does not resolve. */
export class DestinationUnresolvableError extends ValidationError {
  constructor(detail: string) {
    super(detail, [{ pointer: '/body/destination_url', detail }], 'hook.destination_unresolvable');
  }
}

/** Is a {@link DomainError} raised by the destination check. */
export function isDestinationError(err: unknown): err is DomainError {
  return err instanceof DestinationNotAllowedError || err instanceof DestinationUnresolvableError;
}
