import {
  type DomainError,
  ForbiddenError,
  InvalidStateError,
  ValidationError,
} from '../../../platform/errors.js';
import { lockFresh, lockHeld, nothingToReset, tenantInvalidState } from './errors.js';
import type { TenantState } from './tenant-state.js';

/** One action as the UI sees it: enabled, or disabled with the reason, plus an optional warning. */
export interface Ability {
  allowed: boolean;
  reason: string | null;
  warning: string | null;
}

/** The tenant actions of §9 `abilities`. */
export type TenantAbilityName =
  | 'retry'
  | 'reset'
  | 'reset_force'
  | 'decommission'
  | 'force_destroy'
  | 'open_admin_console';

/** A failed provisioning attempt, as the two-retries guidance compares them. */
export interface FailedAttempt {
  attempt: number;
  step: string | null;
  code: string;
  retryable: boolean;
}

/** Everything the abilities depend on; the POST routes check the same facts (G10). */
export interface TenantAbilityInput {
  state: TenantState;
  isStaff: boolean;
  /** ORDER.APPROVE on the offering or its organization (retry, reset). */
  canApprove: boolean;
  /** RESOURCE.TERMINATE on the project, its organization or the offering's organization. */
  canTerminate: boolean;
  activeRun: boolean;
  lock: { holder: string; heartbeatAgeMs: number; fresh: boolean } | null;
  /** Decommissioning whose last decommission run failed or was reset (a new one may start). */
  decommissionRecoverable: boolean;
  /** The resource has a pending order (decommission would be 400). */
  pendingOrder: boolean;
  /** Failed provisioning attempts, oldest first. */
  failedAttempts: readonly FailedAttempt[];
  adminConsoleUrl: string | null;
}

/** The §6.1 guidance, word for word. */
export const TWO_RETRIES_WARNING =
  "Two attempts have failed. If the second attempt failed the same way, the cause is structural and more retries won't help. Consider Decommission and recreate (the same slug can be reused), or escalate to the platform team.";

/** Added when the last failure is a permanent validation error. */
export const VALIDATION_WARNING =
  "Retry won't fix a validation failure; decommission and recreate with valid inputs.";

/**
 * Failure codes that mean the tenant's inputs are invalid (slug, plan, admin e-mail, offering
 * configuration): only these get the validation sentence; any other permanent fault (the CA's
 * refusal, an injected fault, a lost worker) is not one, and saying so would mislead.
 */
const VALIDATION_CODES = new Set([
  'tenant.invalid_slug',
  'tenant.slug_required',
  'tenant.slug_taken',
  'tenant.invalid_email',
  'tenant.plan_required',
  'tenant.plan_inactive',
  'tenant.invalid_configuration',
]);

/**
 * The two-retries warning (§6.1, seed 002): a warning, never a block. Set once at least two
 * provisioning attempts have failed; it names the step and code when the last two match, and warns
 * that a permanent validation failure will not go away by retrying.
 */
export function retryWarning(failed: readonly FailedAttempt[]): string | null {
  if (failed.length < 2) return null;
  const [prev, last] = failed.slice(-2) as [FailedAttempt, FailedAttempt];
  const parts = [TWO_RETRIES_WARNING];
  if (prev.step !== null && prev.step === last.step && prev.code === last.code) {
    // Plain quotes: the text is shown as is, and backticks would appear literally.
    parts.push(`Step "${last.step}" failed in both attempts with "${last.code}".`);
  }
  if (!last.retryable && VALIDATION_CODES.has(last.code)) parts.push(VALIDATION_WARNING);
  return parts.join(' ');
}

const RESETTABLE: readonly TenantState[] = ['Provisioning', 'Failed', 'Decommissioning'];
const lockInfo = (l: NonNullable<TenantAbilityInput['lock']>) => ({
  holder: l.holder,
  heartbeatAgeMs: l.heartbeatAgeMs,
});

/**
 * The checks of each action in the order the POST runs them (401 → 404 → 403 → 409 / 400, §6):
 * the first refusal as the domain error the route throws. `abilities` is derived from the same
 * functions, so the UI and the API never disagree (G10).
 */
export const TENANT_CHECKS: Record<TenantAbilityName, (i: TenantAbilityInput) => DomainError | undefined> = {
  retry: (i) => {
    if (!i.canApprove) return new ForbiddenError();
    if (i.state !== 'Failed') return tenantInvalidState(['Failed']);
    if (i.lock) return lockHeld(lockInfo(i.lock));
    return undefined;
  },
  reset: (i) => resetCheck(i, false),
  reset_force: (i) => resetCheck(i, true),
  decommission: (i) => decommissionCheck(i, false),
  force_destroy: (i) => decommissionCheck(i, true),
  open_admin_console: (i) =>
    i.state === 'Active' && i.adminConsoleUrl
      ? undefined
      : new InvalidStateError('tenant.invalid_state', 'The admin console opens once the tenant is Active.'),
};

function resetCheck(i: TenantAbilityInput, force: boolean): DomainError | undefined {
  if (!i.canApprove) return new ForbiddenError();
  if (force && !i.isStaff) return new ForbiddenError('permission_denied', 'Only staff can force a reset.');
  if (!RESETTABLE.includes(i.state)) return tenantInvalidState(RESETTABLE);
  if (!i.activeRun && !i.lock) return nothingToReset();
  if (!force && i.lock?.fresh) return lockFresh(lockInfo(i.lock));
  return undefined;
}

function decommissionCheck(i: TenantAbilityInput, force: boolean): DomainError | undefined {
  if (!i.canTerminate) return new ForbiddenError();
  if (force && !i.isStaff) return new ForbiddenError('permission_denied', 'Only staff can force destroy.');
  const stateOk =
    i.state === 'Active' ||
    i.state === 'Failed' ||
    (i.state === 'Decommissioning' && i.decommissionRecoverable);
  if (!stateOk) return tenantInvalidState(['Active', 'Failed', 'Decommissioning (after a failed run)']);
  if (i.lock) return lockHeld(lockInfo(i.lock));
  if (i.pendingOrder) {
    return new ValidationError(
      'Pending order for resource already exists.',
      [],
      'order.pending_order_exists',
    );
  }
  return undefined;
}

/** Throws the first refusal of `action` (the route's validators). */
export function assertTenantAction(action: TenantAbilityName, i: TenantAbilityInput): void {
  const err = TENANT_CHECKS[action](i);
  if (err) throw err;
}

/** The `abilities` map of a tenant for one caller (§9). */
export function tenantAbilities(i: TenantAbilityInput): Record<TenantAbilityName, Ability> {
  const out = {} as Record<TenantAbilityName, Ability>;
  for (const name of Object.keys(TENANT_CHECKS) as TenantAbilityName[]) {
    const err = TENANT_CHECKS[name](i);
    out[name] = { allowed: !err, reason: err?.message ?? null, warning: null };
  }
  if (out.retry.allowed) out.retry.warning = retryWarning(i.failedAttempts);
  if (out.reset_force.allowed && i.lock?.fresh) {
    out.reset_force.warning = 'The worker holding the lock is alive; a forced reset cuts it off.';
  }
  return out;
}
