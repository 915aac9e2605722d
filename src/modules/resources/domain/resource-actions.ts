/**
 * Resource actions and their checks, as data (orders spec §8, §8.1, §17 f; tenant spec §2).
 *
 * Same contract as the order action table: checks run in Waldur's order, the first failure is
 * what the POST answers, and the same list feeds `abilities` (§17 d).
 */
import type { Capability } from '../../offerings/domain/capabilities.js';
import type { OrderType } from '../../orders/domain/order-type.js';
import type { GrantDefinition } from '../../orders/domain/types.js';
import type { ResourceState } from './resource-state.js';

/** Every resource action that has an ability. */
export type ResourceAction =
  | 'terminate'
  | 'force_destroy'
  | 'restore'
  | 'switch_plan'
  | 'update_limits'
  | 'update_options'
  | 'renew'
  | 'unlink'
  | 'set_as_erred'
  | 'set_as_ok'
  | 'set_state_ok'
  | 'set_backend_id'
  | 'set_limits';

/** Named grants the resource checks use (§8 "Permission" column). */
export const RESOURCE_GRANTS = {
  /** RESOURCE.TERMINATE on consumer or provider side. */
  terminate: {
    permission: 'RESOURCE.TERMINATE',
    scopes: ['project', 'project.customer', 'offering.customer'],
  },
  /** ORDER.APPROVE as consumer: lets terminate confirm a pending terminate order (§8). */
  approveAsConsumer: { permission: 'ORDER.APPROVE', scopes: ['project', 'project.customer'] },
  /** RESOURCE.SET_STATE on the provider side (set_as_erred, set_as_ok, set_state_ok, set_limits). */
  setState: { permission: 'RESOURCE.SET_STATE', scopes: ['offering', 'offering.customer'] },
  /** RESOURCE.SET_STATE on the provider's customer only (restore). */
  restore: { permission: 'RESOURCE.SET_STATE', scopes: ['offering.customer'] },
  /** RESOURCE.SET_PLAN on the consumer side (switch_plan). */
  setPlan: { permission: 'RESOURCE.SET_PLAN', scopes: ['project', 'project.customer'] },
  /** RESOURCE.SET_LIMITS on the consumer side (update_limits, renew). */
  setLimits: { permission: 'RESOURCE.SET_LIMITS', scopes: ['project', 'project.customer'] },
  /** RESOURCE.UPDATE_OPTIONS on either side (update_options). */
  updateOptions: {
    permission: 'RESOURCE.UPDATE_OPTIONS',
    scopes: ['project', 'project.customer', 'offering.customer'],
  },
  /** RESOURCE.SET_BACKEND_ID on the provider side. */
  setBackendId: { permission: 'RESOURCE.SET_BACKEND_ID', scopes: ['offering', 'offering.customer'] },
} as const satisfies Record<string, GrantDefinition>;

/** One grant name. */
export type ResourceGrant = keyof typeof RESOURCE_GRANTS;

/** One check of a resource action. */
export type ResourceCheck =
  /** A grant (403). */
  | { readonly kind: 'permission'; readonly grant: ResourceGrant }
  /** Staff only (403). */
  | { readonly kind: 'staff' }
  /** The offering is not UNAVAILABLE (400 "Offering is unavailable.", §8). */
  | { readonly kind: 'offering_available' }
  /** `StateValidator` (409). */
  | { readonly kind: 'state'; readonly states: readonly ResourceState[] }
  /** `validate_resource_terminate_state` (409). */
  | { readonly kind: 'terminate_state' }
  /** The offering type supports the action (400 with `detail`). */
  | { readonly kind: 'capability'; readonly capability: Capability; readonly detail: string }
  /** `plugin_options.can_restore_resource` (400). */
  | { readonly kind: 'restore_enabled' }
  /** Prepaid components present (400, renew). */
  | { readonly kind: 'prepaid' }
  /** The §4.1 graph can reach `to` (a no-op when already there). */
  | { readonly kind: 'reachable'; readonly to: ResourceState }
  /** `validate_order` for the order the action creates; terminate may confirm a pending one. */
  | {
      readonly kind: 'validate_order';
      readonly orderType: OrderType;
      readonly confirmPendingTerminate?: boolean;
      /** In-flight orders do not block: the action fails them first (staff force destroy). */
      readonly supersedesPending?: boolean;
    };

/** The checks of one action and the confirmation warning the UI shows. */
export interface ResourceActionRule {
  /** Checks in Waldur's order; the first failure decides. */
  readonly checks: readonly ResourceCheck[];
  /** Confirmation text for the UI ([UG], §17 f). */
  readonly warning?: string;
}

const perm = (grant: ResourceGrant): ResourceCheck => ({ kind: 'permission', grant });
const state = (...states: ResourceState[]): ResourceCheck => ({ kind: 'state', states });
const available: ResourceCheck = { kind: 'offering_available' };
const updates = (detail: string): ResourceCheck => ({
  kind: 'capability',
  capability: 'updateOrders',
  detail,
});
const validateOrder = (orderType: OrderType): ResourceCheck => ({ kind: 'validate_order', orderType });

/** The action table (§8). */
export const RESOURCE_ACTION_RULES: Record<ResourceAction, ResourceActionRule> = {
  terminate: {
    checks: [
      perm('terminate'),
      available,
      { kind: 'terminate_state' },
      { kind: 'validate_order', orderType: 'Terminate', confirmPendingTerminate: true },
    ],
  },
  // §17 f, seed 001: staff recover a resource that is OK, Erred or stuck in Terminating in one
  // step; an order still in flight is failed first (it would otherwise block the Terminate order).
  force_destroy: {
    checks: [
      { kind: 'staff' },
      available,
      {
        kind: 'capability',
        capability: 'forceDestroy',
        detail: 'Force destroy is not supported for this resource.',
      },
      state('OK', 'Erred', 'Terminating'),
      { kind: 'validate_order', orderType: 'Terminate', supersedesPending: true },
    ],
    warning:
      'force_destroy bypasses backend cleanup. Use only when the resource is known to be already gone on the provider side and Waldur has been left with stale state.',
  },
  restore: {
    checks: [
      perm('restore'),
      available,
      state('Terminated'),
      { kind: 'capability', capability: 'restore', detail: 'Restore is not supported for this resource.' },
      { kind: 'restore_enabled' },
      validateOrder('Restore'),
    ],
  },
  switch_plan: {
    checks: [
      perm('setPlan'),
      available,
      state('OK'),
      updates('Plan switch is not supported for this resource.'),
      validateOrder('Update'),
    ],
  },
  update_limits: {
    checks: [
      perm('setLimits'),
      available,
      state('OK'),
      updates('Limits update is not supported for this resource.'),
      {
        kind: 'capability',
        capability: 'updateLimits',
        detail: 'Limits update is not supported for this resource.',
      },
      validateOrder('Update'),
    ],
  },
  // Whether an UPDATE order is created depends on an offering option (§8); the order checks are
  // then run by the use case, not here.
  update_options: {
    checks: [
      perm('updateOptions'),
      available,
      state('OK'),
      updates('Options update is not supported for this resource.'),
    ],
  },
  renew: {
    checks: [
      perm('setLimits'),
      available,
      state('OK', 'Erred'),
      updates('Renewal is not supported for this resource.'),
      { kind: 'prepaid' },
      validateOrder('Update'),
    ],
  },
  unlink: { checks: [{ kind: 'staff' }, available] },
  set_as_erred: {
    checks: [perm('setState'), available],
    warning:
      '"Set as erred" is a state override, not a backend operation. The resource still exists on the provider side if the original termination request did not actually run. Verify the backend before declaring the resource removed.',
  },
  // "if not OK: → OK" (§8); TERMINATED cannot reach OK in the §4.1 graph, so it is refused.
  set_as_ok: { checks: [perm('setState'), available, { kind: 'reachable', to: 'OK' }] },
  set_state_ok: {
    checks: [perm('setState'), available, state('Erred', 'Creating', 'Updating', 'Terminating')],
    warning: 'Errors are not cleared and the backend is not touched.',
  },
  set_backend_id: { checks: [perm('setBackendId'), available] },
  set_limits: { checks: [perm('setState'), available] },
};

/** Every resource action, in table order. */
export const RESOURCE_ACTIONS: readonly ResourceAction[] = Object.keys(
  RESOURCE_ACTION_RULES,
) as ResourceAction[];
