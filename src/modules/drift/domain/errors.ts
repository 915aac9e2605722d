import { InvalidStateError } from '../../../platform/errors.js';

/** The resource has no open drift finding, or it no longer disagrees with its orders (409). */
export function noDriftError(): InvalidStateError {
  return new InvalidStateError(
    'resource.no_drift',
    'The resource has no open drift finding, or it agrees with its orders again.',
  );
}
