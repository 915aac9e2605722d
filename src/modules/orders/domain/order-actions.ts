/**
 * Order actions and their checks, as data (orders spec §7, §6 check order; architecture G10).
 *
 * Each action lists its checks in Waldur's declared order: `<action>_permissions` (403), then
 * `<action>_validators` (409/405/400), then the body-free checks of the view (400). The same list
 * drives the POST (first failure is the answer) and the `abilities` map (§17 d), so the UI can
 * never disagree with the API. Body-dependent checks (serializers) are not listed here.
 */
import type { Capability, ProcessorKind } from '../../offerings/domain/capabilities.js';
import type { OrderState } from './order-state.js';
import type { OrderType } from './order-type.js';
import type { GrantDefinition, ScopePath } from './types.js';

/** The provider side of an order: the offering, its organization and its service provider. */
export const PROVIDER_SCOPES: readonly ScopePath[] = [
  'offering',
  'offering.customer',
  'offering.customer.serviceprovider',
];

/** Every order action that has an ability. `update` is PUT/PATCH, `destroy` is DELETE. */
export type OrderAction =
  | 'approve_by_consumer'
  | 'approve_by_provider'
  | 'reject_by_consumer'
  | 'reject_by_provider'
  | 'update'
  | 'destroy'
  | 'cancel'
  | 'set_state_executing'
  | 'set_state_done'
  | 'set_state_erred'
  | 'retry'
  | 'unlink'
  | 'set_backend_id'
  | 'set_provider_info'
  | 'set_consumer_info'
  | 'update_attachment'
  | 'delete_attachment'
  | 'cancel_termination'
  | 'pull';

/**
 * Named grants the order checks use; the identity resolver computes one boolean per grant.
 * Provider-side grants accept the offering (offering managers), its organization (owner) and its
 * service provider (service provider manager, Waldur migration 0033): seed 000 "Who can retry",
 * orders spec §9.3.
 */
export const ORDER_GRANTS = {
  /** ORDER.APPROVE on the consumer side (§7.5, §7.9). */
  consumerApprove: { permission: 'ORDER.APPROVE', scopes: ['project', 'project.customer'] },
  /** ORDER.APPROVE on the provider side (§7.6, §7.12–§7.15, §7.18, §7.21). */
  providerApprove: { permission: 'ORDER.APPROVE', scopes: PROVIDER_SCOPES },
  /** ORDER.REJECT on the provider side (§7.7). */
  providerReject: { permission: 'ORDER.REJECT', scopes: PROVIDER_SCOPES },
  /** ORDER.REJECT on the consumer side; the creator passes too (§7.8). */
  consumerReject: { permission: 'ORDER.REJECT', scopes: ['project', 'project.customer'] },
  /** ORDER.CANCEL on the consumer side (§7.11). */
  consumerCancel: { permission: 'ORDER.CANCEL', scopes: ['project', 'project.customer'] },
  /** ORDER.DESTROY on the consumer side (§7.10). */
  consumerDestroy: { permission: 'ORDER.DESTROY', scopes: ['project', 'project.customer'] },
  /** ORDER.SET_CONSUMER_INFO on the consumer side (§7.19). */
  consumerSetInfo: { permission: 'ORDER.SET_CONSUMER_INFO', scopes: ['project', 'project.customer'] },
  /** RESOURCE.SET_BACKEND_ID on the provider side (§7.17). */
  setBackendId: { permission: 'RESOURCE.SET_BACKEND_ID', scopes: ['offering', 'offering.customer'] },
} as const satisfies Record<string, GrantDefinition>;

/** One grant name. */
export type OrderGrant = keyof typeof ORDER_GRANTS;

/** What a failing type/state check answers instead of its usual error. */
export type CheckFailure = 'default' | 'not_found';

/** One check of an order action. */
export type OrderCheck =
  /** A grant (403); `allowCreator` lets the order's creator pass (§7.8). */
  | { readonly kind: 'permission'; readonly grant: OrderGrant; readonly allowCreator?: boolean }
  /** Staff only (403), checked before the object is read (§7.16). */
  | { readonly kind: 'staff' }
  /** `check_customer_blocked_or_archived` (400). */
  | { readonly kind: 'customer_active' }
  /** `check_project_end_date` (400). */
  | { readonly kind: 'project_active' }
  /** `StateValidator` (409), or 404 for cancel_termination's lookup. */
  | { readonly kind: 'state'; readonly states: readonly OrderState[]; readonly onFail?: CheckFailure }
  /** `OfferingTypeValidator` / plugin flag (405), retry's own 405 text, or 404. */
  | { readonly kind: 'capability'; readonly capability: Capability; readonly onFail?: CheckFailure | 'retry' }
  /** The offering type's processor must be `processor` (405, like `OfferingTypeValidator`). */
  | { readonly kind: 'processor'; readonly processor: ProcessorKind }
  /** The order type must be one of `types` (404 for cancel_termination). */
  | { readonly kind: 'order_type'; readonly types: readonly OrderType[] }
  /** Retry is refused for RESTORE orders (400, §7.15). */
  | { readonly kind: 'not_restore' }
  /** The resource must accept its retry state (400, §7.15). */
  | { readonly kind: 'retry_resource' }
  /** Purchase order required and missing on a non-TERMINATE order (400, §7.5). */
  | { readonly kind: 'purchase_order' }
  /** Consumer review is not required for this creator (400, §7.8). */
  | { readonly kind: 'consumer_review_required' }
  /** Already reviewed by the consumer (400, §7.8). */
  | { readonly kind: 'not_reviewed_by_consumer' }
  /** Messaging enabled on the offering (409, §7.18). */
  | { readonly kind: 'messaging_enabled' }
  /** There is a file to delete (404, §7.20). */
  | { readonly kind: 'has_attachment' };

/** The checks of one action and the confirmation warning the UI shows. */
export interface OrderActionRule {
  /** Checks in Waldur's order; the first failure decides. */
  readonly checks: readonly OrderCheck[];
  /** Confirmation text for the UI ([HP] dialogs). */
  readonly warning?: string;
}

const perm = (grant: OrderGrant, allowCreator = false): OrderCheck => ({
  kind: 'permission',
  grant,
  allowCreator,
});
const state = (...states: OrderState[]): OrderCheck => ({ kind: 'state', states });
const capability = (cap: Capability, onFail: CheckFailure | 'retry' = 'default'): OrderCheck => ({
  kind: 'capability',
  capability: cap,
  onFail,
});
const customerActive: OrderCheck = { kind: 'customer_active' };
const projectActive: OrderCheck = { kind: 'project_active' };
const attachmentStates = state('pending-project', 'pending-consumer', 'pending-provider');

/** The action table (§7.5–§7.21). */
export const ORDER_ACTION_RULES: Record<OrderAction, OrderActionRule> = {
  approve_by_consumer: {
    checks: [
      perm('consumerApprove'),
      customerActive,
      projectActive,
      state('pending-consumer'),
      { kind: 'purchase_order' },
    ],
  },
  approve_by_provider: { checks: [perm('providerApprove'), customerActive, state('pending-provider')] },
  reject_by_consumer: {
    checks: [
      perm('consumerReject', true),
      customerActive,
      state('pending-consumer'),
      { kind: 'consumer_review_required' },
      { kind: 'not_reviewed_by_consumer' },
    ],
  },
  reject_by_provider: { checks: [perm('providerReject'), customerActive, state('pending-provider')] },
  update: { checks: [perm('consumerApprove'), customerActive, projectActive, state('pending-consumer')] },
  // destroy lists its state validator before the blocked check (§7.10).
  destroy: {
    checks: [perm('consumerDestroy'), state('pending-consumer', 'pending-provider'), customerActive],
  },
  // State (409) before type (405): quirk §16.8, copied.
  cancel: {
    checks: [
      perm('consumerCancel'),
      state('pending-consumer', 'pending-provider', 'pending-start-date', 'executing'),
      capability('cancel'),
    ],
  },
  set_state_executing: {
    checks: [
      perm('providerApprove'),
      state('pending-consumer', 'pending-provider', 'erred'),
      capability('setStateExecuting'),
    ],
  },
  set_state_done: { checks: [perm('providerApprove'), state('executing'), capability('setStateDone')] },
  // No state check (§7.14, quirk §16.4).
  set_state_erred: {
    checks: [perm('providerApprove'), capability('setStateErred')],
    warning:
      'Marking an order as erred is expected to be done by the Waldur site agent. Doing it manually can lead to a broken state.',
  },
  retry: {
    checks: [
      perm('providerApprove'),
      state('erred'),
      capability('retry', 'retry'),
      { kind: 'not_restore' },
      { kind: 'retry_resource' },
    ],
  },
  unlink: { checks: [{ kind: 'staff' }] },
  set_backend_id: { checks: [perm('setBackendId'), customerActive] },
  set_provider_info: {
    checks: [
      perm('providerApprove'),
      customerActive,
      state('pending-provider'),
      { kind: 'messaging_enabled' },
    ],
  },
  set_consumer_info: {
    checks: [
      perm('consumerSetInfo'),
      customerActive,
      state('pending-provider'),
      { kind: 'messaging_enabled' },
    ],
  },
  // §7.20 names no permission; Orderly uses the consumer approver or the creator (who uploads it).
  update_attachment: { checks: [perm('consumerApprove', true), attachmentStates] },
  delete_attachment: {
    checks: [perm('consumerApprove', true), attachmentStates, { kind: 'has_attachment' }],
  },
  // The view looks the order up by type, state and order type first, so those fail with 404
  // before the permission check (§7.21).
  cancel_termination: {
    checks: [
      capability('cancelTermination', 'not_found'),
      { kind: 'state', states: ['executing'], onFail: 'not_found' },
      { kind: 'order_type', types: ['Terminate'] },
      perm('providerApprove'),
    ],
  },
  // Orderly's own (§17 g): pull the remote order's state now; the remote order's `callback_url`.
  pull: { checks: [perm('providerApprove'), { kind: 'processor', processor: 'remote' }] },
};

/** Every order action, in table order. */
export const ORDER_ACTIONS: readonly OrderAction[] = Object.keys(ORDER_ACTION_RULES) as OrderAction[];
