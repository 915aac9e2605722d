/**
 * Offering type strings (orders spec §10.1, plus Orderly's own `Orderly.Tenant`, §17 d) and
 * the offering lifecycle states (§1.4) with their transition table.
 *
 * The state table mirrors Waldur's `Offering` django-fsm methods (`activate`, `pause`, `unpause`,
 * `make_unavailable`, `make_available`, `archive`, `draft`); the `allowed` graph is derived from
 * the action table so there is one source of truth (architecture G3).
 */
import { InvalidOfferingTransitionError } from './errors.js';

/** Every offering type Orderly knows; values are Waldur's type strings (§10.1). */
export const OfferingType = {
  /** Manually managed offering; provider approval, then the order completes at once. */
  BASIC: 'Marketplace.Basic',
  /** Site-agent offering (formerly `SLURM_REMOTE_PLUGIN_NAME`); the agent reports the outcome. */
  SLURM: 'Marketplace.Slurm',
  /** Legacy SLURM allocation package (plugin scope). */
  SLURM_PACKAGE: 'SlurmInvoices.SlurmPackage',
  /** Federation to another Waldur-compatible instance (§17 g). */
  REMOTE: 'Waldur.RemoteOffering',
  /** OpenStack tenant (plugin scope). */
  OPENSTACK_TENANT: 'OpenStack.Tenant',
  /** OpenStack instance (plugin scope). */
  OPENSTACK_INSTANCE: 'OpenStack.Instance',
  /** OpenStack volume (plugin scope). */
  OPENSTACK_VOLUME: 'OpenStack.Volume',
  /** Script offering: create/update/delete run provider scripts. */
  SCRIPT: 'Marketplace.Script',
  /** Rancher cluster (plugin scope). */
  RANCHER: 'Marketplace.Rancher',
  /** Booking of a time slot. */
  BOOKING: 'Marketplace.Booking',
  /** The "support" type: orders open helpdesk issues (there is no `Marketplace.Support`). */
  SUPPORT: 'Support.OfferingTemplate',
  /** VMware virtual machine (plugin scope). */
  VMWARE_VM: 'VMware.VirtualMachine',
  /** Azure virtual machine ([MM24]; later migrated away in Waldur). */
  AZURE_VM: 'Azure.VirtualMachine',
  /** Azure SQL server ([MM24]; later migrated away in Waldur). */
  AZURE_SQL: 'Azure.SQLServer',
  /** LEXIS offering. */
  LEXIS: 'LEXIS',
  /** Orderly's own tenant product, provisioned by a saga (tenant spec §2). */
  ORDERLY_TENANT: 'Orderly.Tenant',
} as const;

/** One offering type string. */
export type OfferingType = (typeof OfferingType)[keyof typeof OfferingType];

/** All offering types, in §10.1 order with `Orderly.Tenant` last. */
export const OFFERING_TYPES: readonly OfferingType[] = Object.values(OfferingType);

/** Whether a string is a known offering type (API filters, stored rows). */
export function isOfferingType(value: string): value is OfferingType {
  return (OFFERING_TYPES as readonly string[]).includes(value);
}

/** Offering lifecycle states; values are the API labels (§1.4). */
export const OfferingState = {
  /** Being prepared by the provider; not orderable. */
  DRAFT: 'Draft',
  /** Orderable. */
  ACTIVE: 'Active',
  /** No new orders through the create endpoint; existing resources keep working (§1.4). */
  PAUSED: 'Paused',
  /** Retired. */
  ARCHIVED: 'Archived',
  /** Temporarily down: every order type and every resource action is refused (§1.4, §8). */
  UNAVAILABLE: 'Unavailable',
} as const;

/** One offering state label. */
export type OfferingState = (typeof OfferingState)[keyof typeof OfferingState];

/** Database codes of offering states (§1.4). */
export const OFFERING_STATE_CODES = {
  Draft: 1,
  Active: 2,
  Paused: 3,
  Archived: 4,
  Unavailable: 5,
} as const satisfies Record<OfferingState, number>;

/** All offering states in code order. */
export const OFFERING_STATES: readonly OfferingState[] = Object.values(OfferingState);

/** The database code of an offering state. */
export function offeringStateToCode(state: OfferingState): number {
  return OFFERING_STATE_CODES[state];
}

/** The offering state of a database code; a bad code is a programming error, not user input. */
export function offeringStateFromCode(code: number): OfferingState {
  const state = OFFERING_STATES.find((s) => OFFERING_STATE_CODES[s] === code);
  if (state === undefined) throw new RangeError(`Unknown offering state code ${code}`);
  return state;
}

/** Lifecycle actions on an offering (Waldur `Offering` FSM methods). */
export type OfferingAction =
  | 'activate'
  | 'pause'
  | 'unpause'
  | 'make_unavailable'
  | 'make_available'
  | 'archive'
  | 'draft';

/** One lifecycle action: where it may start, where it ends, and whether plans are required. */
export interface OfferingActionRule {
  /** States the action accepts. */
  readonly from: readonly OfferingState[];
  /** The state it produces. */
  readonly to: OfferingState;
  /** Waldur's `conditions=[offering_has_plans]`: the offering needs at least one plan. */
  readonly requiresPlans: boolean;
}

const ALL_OFFERING_STATES = OFFERING_STATES;

/** The offering action table ([MMr] `marketplace/models.py`, class `Offering`). */
export const OFFERING_ACTIONS: Record<OfferingAction, OfferingActionRule> = {
  activate: { from: ['Draft', 'Paused', 'Unavailable'], to: 'Active', requiresPlans: true },
  pause: { from: ['Active'], to: 'Paused', requiresPlans: false },
  unpause: { from: ['Paused'], to: 'Active', requiresPlans: true },
  make_unavailable: { from: ['Active'], to: 'Unavailable', requiresPlans: false },
  make_available: { from: ['Unavailable'], to: 'Active', requiresPlans: false },
  // `source="*"` in django-fsm includes the target itself, so archive/draft are idempotent.
  archive: { from: ALL_OFFERING_STATES, to: 'Archived', requiresPlans: false },
  draft: { from: ALL_OFFERING_STATES, to: 'Draft', requiresPlans: false },
};

function targetsFrom(from: OfferingState): readonly OfferingState[] {
  return OFFERING_STATES.filter((to) =>
    Object.values(OFFERING_ACTIONS).some((rule) => rule.to === to && rule.from.includes(from)),
  );
}

/** The offering transition graph, derived from {@link OFFERING_ACTIONS}. */
export const allowed: Record<OfferingState, readonly OfferingState[]> = {
  Draft: targetsFrom('Draft'),
  Active: targetsFrom('Active'),
  Paused: targetsFrom('Paused'),
  Archived: targetsFrom('Archived'),
  Unavailable: targetsFrom('Unavailable'),
};

/** Whether the offering graph has the edge `from → to`. */
export function canTransition(from: OfferingState, to: OfferingState): boolean {
  return allowed[from].includes(to);
}

/** Applies a lifecycle action; throws `offering.invalid_transition` when the state or plans refuse it. */
export function applyOfferingAction(
  action: OfferingAction,
  from: OfferingState,
  hasPlans: boolean,
): OfferingState {
  const rule = OFFERING_ACTIONS[action];
  if (!rule.from.includes(from) || (rule.requiresPlans && !hasPlans)) {
    throw new InvalidOfferingTransitionError(from, rule.to, action);
  }
  return rule.to;
}
