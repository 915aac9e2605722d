/** What a remote order's state means for the local order (orders spec §17 g state map). */
export type RemoteOutcome =
  /** Accepted and in progress remotely: the local order stays (or becomes again) EXECUTING. */
  | { readonly kind: 'live' }
  | { readonly kind: 'done' }
  /** The remote order failed; its `error_message` is copied to the local order. */
  | { readonly kind: 'erred'; readonly message: string }
  /** Canceled or rejected remotely: the local order is CANCELED. */
  | { readonly kind: 'canceled' }
  /** A state the map does not know (`pending-project`, anything new): an error. */
  | { readonly kind: 'unexpected'; readonly message: string };

// `pending-start-date` is not in Waldur's map (quirk 19); Orderly treats it as accepted and waiting.
const LIVE: ReadonlySet<string> = new Set([
  'pending-consumer',
  'pending-provider',
  'pending-start-date',
  'executing',
]);

/** The message when a remote order failed without saying why. */
export const REMOTE_FAILED_WITHOUT_MESSAGE =
  'The order in remote Waldur has failed without an error message.';

/** Maps a remote order state (and its error message) to its local meaning. */
export function remoteOutcome(state: string, errorMessage: string): RemoteOutcome {
  if (LIVE.has(state)) return { kind: 'live' };
  switch (state) {
    case 'done':
      return { kind: 'done' };
    case 'erred':
      return { kind: 'erred', message: errorMessage.trim() || REMOTE_FAILED_WITHOUT_MESSAGE };
    case 'canceled':
    case 'rejected':
      return { kind: 'canceled' };
    default:
      return { kind: 'unexpected', message: `The order in remote Waldur has unexpected state ${state}` };
  }
}

/** Output of an UPDATE whose limits the remote resource already has ([RM], §17 g). */
export const LIMITS_ALREADY_MATCH = 'Remote limits already match requested limits. No update needed.';

/** The remote's 400 text for an update with identical limits, treated as "no change needed" (§17 g). */
export const REMOTE_NO_CHANGE_TEXT = 'Impossible to create update orders';

/** ERRED message of a TERMINATE when the remote resource already has a live TERMINATE order (§17 g). */
export const ANOTHER_ORDER_EXISTS = 'Another order exists already.';

/** Remote order states in which an order is still alive (the TERMINATE pre-check looks for these). */
export const REMOTE_LIVE_STATES: readonly string[] = [...LIVE, 'pending-project'];

/** Deterministic remote project `backend_id` for a local project (one remote project per local one). */
export function remoteProjectBackendId(customerUuid: string, projectUuid: string): string {
  return `${customerUuid.replace(/-/g, '')}_${projectUuid.replace(/-/g, '')}`;
}
