/**
 * What an order event does to its resource, as data (orders spec §4.2 handlers, §4.3 net table,
 * §7.14, §7.15, §10.2, §11.1, §11.3, §17 g).
 *
 * `RESOURCE_EFFECTS[event][orderType]` is one §4.3 cell. {@link resourceStateAfterOrderEvent}
 * resolves a cell against the resource's facts and the §4.1 graph, so a use case never writes
 * `if (type === …)` to move a resource.
 */
import type { DomainError } from '../../../platform/errors.js';
import { retryResourceStateError, retryRestoreError } from '../../orders/domain/errors.js';
import type { OrderType } from '../../orders/domain/order-type.js';
import { InvalidResourceTransitionError } from './errors.js';
import { canTransition, type ResourceState } from './resource-state.js';

/** Order events that can move a resource. */
export const OrderEvent = {
  /** The order row was created (§4.2.1); a CREATE order creates the resource. */
  CREATED: 'created',
  /** Consumer or provider approval; no resource change. */
  APPROVED: 'approved',
  /** The order entered EXECUTING; no resource change. */
  EXECUTING: 'executing',
  /** The order is done: processor, callback, or set_state_done (§11.3). */
  DONE: 'done',
  /** API `set_state_erred` (§7.14) after the §4.2 handler. */
  ERRED: 'erred',
  /** Failure reported through the outcome callbacks (§11.3). */
  FAILED: 'failed',
  /** The processor raised (§11.1 step 3). */
  PROCESSING_FAILED: 'processing_failed',
  /** No processor for the type and order type (§11.1 step 2). */
  NO_PROCESSOR: 'no_processor',
  /** EXECUTING longer than 2 h on an interruptible type (§10.2). */
  TIMED_OUT: 'timed_out',
  /** Order canceled through the API or terminate_resource; the §4.2 handler applies. */
  CANCELED: 'canceled',
  /** Order canceled through the callbacks (§11.3), e.g. cancel_termination (§7.21). */
  CALLBACK_CANCELED: 'callback_canceled',
  /** Order rejected by consumer or provider; the §4.2 handler applies. */
  REJECTED: 'rejected',
  /** `retry` of an ERRED order (§7.15). */
  RETRY: 'retry',
  /** A Remote order back in a live state moves the local order to EXECUTING (§17 g). */
  RESUMED: 'resumed',
  /**
   * Staff fail an in-flight order to force-destroy its resource (Orderly's own, seed 001): the
   * resource is left as it is; the force_destroy Terminate order created next moves it.
   */
  SUPERSEDED: 'superseded',
} as const;

/** One order event. */
export type OrderEvent = (typeof OrderEvent)[keyof typeof OrderEvent];

/** The resource facts an effect depends on. */
export interface OrderEffectContext {
  /** Current resource state; `null` before a CREATE order creates the row. */
  readonly currentState: ResourceState | null;
  /** The resource has a `backend_id` (failed CREATE without one ⇒ never provisioned, §4.2). */
  readonly hasBackendId: boolean;
  /** `attributes.action === "force_destroy"` on the order (§11.1). */
  readonly forceDestroy: boolean;
  /** The user passed to processing is staff (§11.1). */
  readonly actorIsStaff: boolean;
}

/** One cell of the table. */
export type ResourceEffect =
  /** Leave the resource alone. */
  | { readonly kind: 'keep' }
  /** Move to `to`, except from the `unlessFrom` states, which stay as they are. */
  | { readonly kind: 'set'; readonly to: ResourceState; readonly unlessFrom?: readonly ResourceState[] }
  /** §4.2: a CREATING resource without backend_id was never provisioned ⇒ TERMINATED. */
  | { readonly kind: 'never_provisioned'; readonly otherwise: ResourceEffect }
  /** §11.1: staff force_destroy turns a failed TERMINATE into TERMINATED. */
  | { readonly kind: 'force_destroy'; readonly forced: ResourceState; readonly otherwise: ResourceState }
  /** The order event is refused with 400 (retry of RESTORE, §7.15). */
  | { readonly kind: 'refuse' };

/** What resolving a cell yields. */
export type ResourceOutcome =
  /** No change (including "already in the target state"). */
  | { readonly kind: 'keep' }
  /** Move the resource to `to` (an edge of the §4.1 graph). */
  | { readonly kind: 'set'; readonly to: ResourceState }
  /** The event cannot apply; `error` is what the use case answers. */
  | { readonly kind: 'refused'; readonly error: DomainError };

const keep: ResourceEffect = { kind: 'keep' };
const set = (to: ResourceState, unlessFrom?: readonly ResourceState[]): ResourceEffect =>
  unlessFrom ? { kind: 'set', to, unlessFrom } : { kind: 'set', to };
const all = (effect: ResourceEffect): Record<OrderType, ResourceEffect> => ({
  Create: effect,
  Update: effect,
  Terminate: effect,
  Restore: effect,
});
// §7.14: the §4.2 handler runs first, then "ERRED unless already ERRED or TERMINATED".
const apiErred: ResourceEffect = {
  kind: 'never_provisioned',
  otherwise: set('Erred', ['Erred', 'Terminated']),
};

/** The §4.3 table, one row per event and one column per order type. */
export const RESOURCE_EFFECTS: Record<OrderEvent, Record<OrderType, ResourceEffect>> = {
  // §4.2.1 skips an ERRED resource; RESTORE sets CREATING itself (§8 restore).
  created: {
    Create: set('Creating'),
    Update: set('Updating', ['Erred']),
    Terminate: set('Terminating', ['Erred']),
    Restore: set('Creating'),
  },
  approved: all(keep),
  executing: all(keep),
  done: { Create: set('OK'), Update: set('OK'), Terminate: set('Terminated'), Restore: set('OK') },
  erred: { Create: apiErred, Update: apiErred, Terminate: set('OK'), Restore: apiErred },
  failed: { Create: set('Erred'), Update: set('Erred'), Terminate: set('OK'), Restore: set('Erred') },
  // "processor exception → both ERRED" (§15): the later set_state_erred overrides the §4.2 handler.
  processing_failed: {
    Create: set('Erred'),
    Update: set('Erred'),
    Terminate: { kind: 'force_destroy', forced: 'Terminated', otherwise: 'Erred' },
    Restore: set('Erred'),
  },
  no_processor: all(set('Erred')),
  timed_out: all(set('Erred')),
  canceled: { Create: set('Terminated'), Update: set('OK'), Terminate: set('OK'), Restore: set('OK') },
  rejected: { Create: set('Terminated'), Update: set('OK'), Terminate: set('OK'), Restore: set('OK') },
  // RESTORE: §4.3 leaves the net result open ("not verified"). Orderly keeps the callback's
  // TERMINATED: a restore that was canceled leaves the resource as gone as it was before.
  callback_canceled: {
    Create: set('Terminated'),
    Update: set('OK'),
    Terminate: set('OK'),
    Restore: set('Terminated'),
  },
  retry: {
    Create: set('Creating'),
    Update: set('Updating'),
    Terminate: set('Terminating'),
    Restore: { kind: 'refuse' },
  },
  resumed: { Create: keep, Update: set('Updating'), Terminate: set('Terminating'), Restore: keep },
  superseded: all(keep),
};

function resolve(effect: ResourceEffect, ctx: OrderEffectContext): ResourceEffect {
  if (effect.kind === 'never_provisioned') {
    const neverProvisioned = ctx.currentState === 'Creating' && !ctx.hasBackendId;
    return neverProvisioned ? set('Terminated') : resolve(effect.otherwise, ctx);
  }
  if (effect.kind === 'force_destroy') {
    return set(ctx.forceDestroy && ctx.actorIsStaff ? effect.forced : effect.otherwise);
  }
  return effect;
}

/** The resource outcome of an order event (§4.3), checked against the §4.1 graph. */
export function resourceStateAfterOrderEvent(
  orderType: OrderType,
  event: OrderEvent,
  ctx: OrderEffectContext,
): ResourceOutcome {
  const effect = resolve(RESOURCE_EFFECTS[event][orderType], ctx);
  if (effect.kind === 'refuse') return { kind: 'refused', error: retryRestoreError() };
  if (effect.kind !== 'set') return { kind: 'keep' };
  const from = ctx.currentState;
  if (from === null) return { kind: 'set', to: effect.to };
  if (event === 'retry') {
    // Retry always calls the FSM method (§7.15): CREATING → CREATING is refused like Waldur's
    // TransitionNotAllowed, with Waldur's 400 text; UPDATING → UPDATING is a harmless self-edge.
    if (!canTransition(from, effect.to)) return { kind: 'refused', error: retryResourceStateError(from) };
    return from === effect.to ? { kind: 'keep' } : { kind: 'set', to: effect.to };
  }
  // Handlers guard with "if not already" (§4.2), and some cells keep listed states (§4.2.1, §7.14).
  if (from === effect.to || effect.unlessFrom?.includes(from)) return { kind: 'keep' };
  if (!canTransition(from, effect.to)) {
    return { kind: 'refused', error: new InvalidResourceTransitionError(from, effect.to) };
  }
  return { kind: 'set', to: effect.to };
}
