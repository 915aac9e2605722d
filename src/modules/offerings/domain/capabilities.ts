/**
 * The per-offering-type capability table, as data (orders spec §10.2, §10.3, §17 d; tenant spec §2).
 *
 * Validators (405/400 answers), `abilities` and the generated docs tables all read this one table;
 * nothing else decides what an offering type supports. Each row starts from {@link PLUGIN_DEFAULTS}
 * (the §10.3 "OpenStack.*, Rancher, …" row) and lists only what differs, so every deviation from
 * "a plain plugin type" is visible on its own line.
 */
import { OfferingType } from './offering-type.js';

/** Who must approve as provider (§5.3). */
export type ProviderApproval =
  /** Provider approval is always required (Basic, Slurm). */
  | 'always'
  /** Never required (plugin types, Support, Orderly.Tenant). */
  | 'never'
  /** Remote: skipped with `auto_approve_remote_orders`, for owners, or service managers who are offering users. */
  | 'remote_rule'
  /** Script: skipped iff `auto_approve_marketplace_script` (default true). */
  | 'script_rule';

/** How an EXECUTING order of the type finishes (§10.3 last column, §11.2). */
export type ProcessorKind =
  /**
   * Managed by hand (Basic): stays EXECUTING until the provider marks it done (set_state_done) or it
   * is canceled; the offering option `auto_complete_on_approval` completes it at once instead
   * (Waldur's Basic processor: create returns None ⇒ DONE/OK).
   */
  | 'manual'
  /** Stays EXECUTING until the site agent calls set_state_done / set_state_erred. */
  | 'site_agent'
  /** Opens a helpdesk issue; done when the issue is resolved or via set_state_done. */
  | 'helpdesk'
  /** Forwards to the remote instance; the remote order state is pulled (§17 g). */
  | 'remote'
  /** Runs the provider's script. */
  | 'script'
  /** Creates a plugin model; its state sync (StateRouter) completes the order. */
  | 'plugin_scope'
  /** A booking the provider confirms. */
  | 'booking'
  /** The tenant provisioning saga completes it (tenant spec §2.1). */
  | 'saga';

/** One row of the capability table. Boolean columns are "supported by the type". */
export interface OfferingCapabilities {
  /** Short family name used in reasons and docs tables ("Basic", "SLURM", "OpenStack"). */
  readonly family: string;
  /** Provider approval rule (§5.3). */
  readonly providerApproval: ProviderApproval;
  /** How an EXECUTING order finishes. */
  readonly processor: ProcessorKind;
  /** Order `cancel` (`OfferingTypeValidator(BASIC, SUPPORT)`, §7.11). */
  readonly cancel: boolean;
  /** Plugin `can_terminate_order`: the order's `can_terminate` flag (§10.2, not the resource's). */
  readonly orderCanTerminate: boolean;
  /** Order `set_state_executing` (§7.12). */
  readonly setStateExecuting: boolean;
  /** Order `set_state_done` (§7.13). */
  readonly setStateDone: boolean;
  /** Order `set_state_erred` (§7.14). */
  readonly setStateErred: boolean;
  /** Order `retry`, plugin `supports_order_retry` (§7.15). */
  readonly retry: boolean;
  /** Remote `cancel_termination` (§7.21). */
  readonly cancelTermination: boolean;
  /** UPDATE orders at all: switch_plan, update_limits, update_options, renew (tenant spec §2). */
  readonly updateOrders: boolean;
  /** Plugin `can_update_limits` (§8 update_limits). */
  readonly updateLimits: boolean;
  /** Resource `restore`; the offering option `can_restore_resource` must also be set (§8). */
  readonly restore: boolean;
  /** TERMINATE with `attributes.action = "force_destroy"` (§8.1, §17 f). */
  readonly forceDestroy: boolean;
  /** Staff force destroy may first fail the order in flight (Orderly's own, seed 001 stuck Terminating). */
  readonly forceDestroyInFlight: boolean;
  /** Resource `set_as_erred` (§8). */
  readonly setAsErred: boolean;
  /** Resource `set_state_ok` (§8). */
  readonly setStateOk: boolean;
  /** Listed by `list_interruptible_offerings`: EXECUTING > 2 h fails with "Execution has timed out." */
  readonly interruptible: boolean;
  /** In `SWAPPABLE_OFFERING_TYPES` (§10.1). */
  readonly swappable: boolean;
}

/** A boolean column of the capability table. */
export type Capability = {
  [K in keyof OfferingCapabilities]: OfferingCapabilities[K] extends boolean ? K : never;
}[keyof OfferingCapabilities];

/** A plain plugin-scope type: only the resource-level recovery paths every type has. */
const PLUGIN_DEFAULTS: Omit<OfferingCapabilities, 'family'> = {
  providerApproval: 'never',
  processor: 'plugin_scope',
  cancel: false,
  orderCanTerminate: false,
  setStateExecuting: false,
  setStateDone: false,
  setStateErred: false,
  retry: false,
  cancelTermination: false,
  updateOrders: true,
  updateLimits: false,
  restore: true,
  forceDestroy: true,
  forceDestroyInFlight: true,
  setAsErred: true,
  setStateOk: true,
  // Waldur does not enumerate interruptible types (§10.2). Orderly's rule: a type is interruptible
  // when Waldur itself runs the work (script, plugin scope), so 2 h in EXECUTING means a crashed
  // worker. Types that wait for a person or another system (manual Basic, agent, helpdesk, remote,
  // booking, saga with its own deadline) are not.
  interruptible: true,
  swappable: false,
};

function row(
  family: string,
  overrides: Partial<Omit<OfferingCapabilities, 'family'>> = {},
): OfferingCapabilities {
  return { ...PLUGIN_DEFAULTS, family, ...overrides };
}

/** The capability table: one row per offering type (§10.3 matrix, §17 d `Orderly.Tenant` row). */
export const OFFERING_CAPABILITIES: Record<OfferingType, OfferingCapabilities> = {
  [OfferingType.BASIC]: row('Basic', {
    providerApproval: 'always',
    processor: 'manual',
    cancel: true,
    orderCanTerminate: true,
    setStateDone: true,
    retry: true,
    updateLimits: true,
    // A person finishes the order, so hours in EXECUTING are normal, not a crashed worker.
    interruptible: false,
    swappable: true,
  }),
  [OfferingType.SLURM]: row('SLURM', {
    providerApproval: 'always',
    processor: 'site_agent',
    setStateExecuting: true,
    setStateDone: true,
    setStateErred: true,
    retry: true,
    updateLimits: true,
    interruptible: false,
    swappable: true,
  }),
  [OfferingType.SLURM_PACKAGE]: row('SLURM package', { updateLimits: true }),
  [OfferingType.REMOTE]: row('Remote', {
    providerApproval: 'remote_rule',
    processor: 'remote',
    cancelTermination: true,
    updateLimits: true,
    interruptible: false,
  }),
  [OfferingType.OPENSTACK_TENANT]: row('OpenStack', { updateLimits: true }),
  [OfferingType.OPENSTACK_INSTANCE]: row('OpenStack'),
  [OfferingType.OPENSTACK_VOLUME]: row('OpenStack'),
  [OfferingType.SCRIPT]: row('Script', {
    providerApproval: 'script_rule',
    processor: 'script',
    updateLimits: true,
  }),
  [OfferingType.RANCHER]: row('Rancher'),
  [OfferingType.BOOKING]: row('Booking', { processor: 'booking', interruptible: false }),
  [OfferingType.SUPPORT]: row('Support', {
    processor: 'helpdesk',
    cancel: true,
    orderCanTerminate: true,
    setStateDone: true,
    updateLimits: true,
    interruptible: false,
  }),
  [OfferingType.VMWARE_VM]: row('VMware', { updateLimits: true }),
  [OfferingType.AZURE_VM]: row('Azure'),
  [OfferingType.AZURE_SQL]: row('Azure'),
  [OfferingType.LEXIS]: row('LEXIS'),
  // Tenant spec §2: retry = Retry provisioning; no UPDATE orders in v1; restore unsupported
  // (decommission is terminal); not interruptible (the saga has its own deadline); a running saga
  // is never failed from outside (the tenant's own decommission has a force_destroy).
  [OfferingType.ORDERLY_TENANT]: row('Orderly Tenant', {
    processor: 'saga',
    retry: true,
    updateOrders: false,
    restore: false,
    forceDestroyInFlight: false,
    interruptible: false,
  }),
};

/** Human names of the boolean capabilities, used to phrase refusal reasons. */
export const CAPABILITY_LABELS: Record<Capability, string> = {
  cancel: 'Cancel',
  orderCanTerminate: 'Order cancellation',
  setStateExecuting: 'Set state executing',
  setStateDone: 'Set state done',
  setStateErred: 'Set state erred',
  retry: 'Retry',
  cancelTermination: 'Cancel termination',
  updateOrders: 'Resource update',
  updateLimits: 'Limits update',
  restore: 'Restore',
  forceDestroy: 'Force destroy',
  forceDestroyInFlight: 'Force destroy of a resource with an order in flight',
  setAsErred: 'Set as erred',
  setStateOk: 'Set state OK',
  interruptible: 'The execution timeout',
  swappable: 'Plan swapping',
};

/** Result of asking the table about one capability of one type. */
export type CapabilityCheck =
  | { readonly supported: true }
  | { readonly supported: false; readonly reason: string };

/** The capability row of an offering type. */
export function capabilitiesOf(type: OfferingType): OfferingCapabilities {
  return OFFERING_CAPABILITIES[type];
}

/** Whether `type` supports `capability`. */
export function supports(type: OfferingType, capability: Capability): boolean {
  return OFFERING_CAPABILITIES[type][capability];
}

/** The families that support a capability, deduplicated, in table order. */
export function supportingFamilies(capability: Capability): string[] {
  const families = Object.values(OFFERING_CAPABILITIES)
    .filter((caps) => caps[capability])
    .map((caps) => caps.family);
  return [...new Set(families)];
}

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why a capability is refused, generated from the table, e.g. "Retry is supported for Basic, … offerings only." */
export function capabilityReason(capability: Capability): string {
  const families = supportingFamilies(capability);
  const label = CAPABILITY_LABELS[capability];
  if (families.length === 0) return `${label} is not supported for any offering type.`;
  return `${label} is supported for ${joinWithAnd(families)} offerings only.`;
}

/** Checks one capability of one type, with the human reason when unsupported. */
export function checkCapability(type: OfferingType, capability: Capability): CapabilityCheck {
  return supports(type, capability)
    ? { supported: true }
    : { supported: false, reason: capabilityReason(capability) };
}
