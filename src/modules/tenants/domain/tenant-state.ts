import { InvalidStateError } from '../../../platform/errors.js';

/** Public tenant states (tenant spec §3.1): an API contract. */
export const TenantState = {
  /** A provisioning run is active (running, or waiting for a step's next try). */
  PROVISIONING: 'Provisioning',
  /** Provisioned and ready; the admin console is reachable. */
  ACTIVE: 'Active',
  /** The last provisioning run failed or was reset; partial work is kept for a retry. */
  FAILED: 'Failed',
  /** A decommission run is active, or failed and awaits recovery. */
  DECOMMISSIONING: 'Decommissioning',
  /** Compensations done (or skipped by force); slot and slug released. Terminal. */
  DECOMMISSIONED: 'Decommissioned',
} as const;

/** A public tenant state. */
export type TenantState = (typeof TenantState)[keyof typeof TenantState];

/** Every state, in lifecycle order. */
export const TENANT_STATES: readonly TenantState[] = Object.values(TenantState);

/** The only moves a tenant makes (§3.2); `transition` is the single gate (G3). */
export const allowed: Record<TenantState, readonly TenantState[]> = {
  Provisioning: ['Active', 'Failed'],
  Active: ['Decommissioning'],
  Failed: ['Provisioning', 'Decommissioning'],
  // A new decommission run after a failed one stays Decommissioning.
  Decommissioning: ['Decommissioning', 'Decommissioned'],
  Decommissioned: [],
};

/** A refused tenant transition. */
export class InvalidTenantTransitionError extends InvalidStateError {
  constructor(
    readonly from: TenantState | null,
    readonly to: TenantState,
  ) {
    super('tenant.invalid_transition', `Tenant cannot move from ${from ?? '(none)'} to ${to}.`);
  }
}

/** Whether `from → to` is an edge of {@link allowed}; `null → Provisioning` creates the tenant. */
export function canTransition(from: TenantState | null, to: TenantState): boolean {
  if (from === null) return to === 'Provisioning';
  return allowed[from].includes(to);
}

/** Checks an edge; throws {@link InvalidTenantTransitionError} when it is not allowed. */
export function transition(from: TenantState | null, to: TenantState): TenantState {
  if (!canTransition(from, to)) throw new InvalidTenantTransitionError(from, to);
  return to;
}

/** Whether no transition leaves the state. */
export function isTerminal(state: TenantState): boolean {
  return allowed[state].length === 0;
}

/** Parses a stored state. */
export function tenantStateOf(value: string): TenantState {
  if (!(TENANT_STATES as readonly string[]).includes(value)) throw new Error(`unknown tenant state ${value}`);
  return value as TenantState;
}
