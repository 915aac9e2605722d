import { describe, expect, it } from 'vitest';
import {
  type FailedAttempt,
  retryWarning,
  TENANT_CHECKS,
  type TenantAbilityInput,
  TWO_RETRIES_WARNING,
  tenantAbilities,
  VALIDATION_WARNING,
} from '../../src/modules/tenants/domain/abilities.js';

const base: TenantAbilityInput = {
  state: 'Failed',
  isStaff: false,
  canApprove: true,
  canTerminate: true,
  activeRun: false,
  lock: null,
  decommissionRecoverable: false,
  pendingOrder: false,
  failedAttempts: [],
  adminConsoleUrl: null,
};
const fail = (attempt: number, step: string, code: string, retryable = true): FailedAttempt => ({
  attempt,
  step,
  code,
  retryable,
});

describe('the two-retries guidance (tenant spec §6.1, seed 002)', () => {
  it('says nothing before two attempts have failed', () => {
    expect(retryWarning([fail(1, 'create_storage', 'timeout')])).toBeNull();
  });
  it('warns once two attempts failed, never blocking the retry', () => {
    const i = {
      ...base,
      failedAttempts: [fail(1, 'create_storage', 'timeout'), fail(2, 'issue_certificate', 'network')],
    };
    expect(tenantAbilities(i).retry).toEqual({ allowed: true, reason: null, warning: TWO_RETRIES_WARNING });
  });
  it('names the step and code that failed in both attempts', () => {
    expect(
      retryWarning([
        fail(1, 'issue_certificate', 'ca.unavailable'),
        fail(2, 'issue_certificate', 'ca.unavailable'),
      ]),
    ).toBe(`${TWO_RETRIES_WARNING} Step "issue_certificate" failed in both attempts with "ca.unavailable".`);
  });
  it('adds the validation sentence only when the last failure is a permanent validation fault', () => {
    expect(
      retryWarning([fail(1, 'a', 'x'), fail(2, 'reserve_slug_and_slot', 'tenant.invalid_slug', false)]),
    ).toBe(`${TWO_RETRIES_WARNING} ${VALIDATION_WARNING}`);
    expect(retryWarning([fail(1, 'a', 'x'), fail(2, 'b', 'reset', false)])).toBe(TWO_RETRIES_WARNING);
    // Permanent but not about the inputs: the CA refused, or a fault was injected.
    expect(retryWarning([fail(1, 'a', 'x'), fail(2, 'issue_certificate', 'ca.rejected', false)])).toBe(
      TWO_RETRIES_WARNING,
    );
    expect(retryWarning([fail(1, 'a', 'x'), fail(2, 'b', 'fault.injected', false)])).toBe(
      TWO_RETRIES_WARNING,
    );
    // A validation code that may pass on retry (retryable) is not called permanent.
    expect(retryWarning([fail(1, 'a', 'x'), fail(2, 'b', 'tenant.invalid_slug', true)])).toBe(
      TWO_RETRIES_WARNING,
    );
  });
});

describe('tenant action checks: 403 before 409, and abilities from the same functions', () => {
  it('retry: permission, then state, then the lock', () => {
    expect(TENANT_CHECKS.retry({ ...base, canApprove: false, state: 'Active' })?.kind).toBe('forbidden');
    expect(TENANT_CHECKS.retry({ ...base, state: 'Active' })?.code).toBe('tenant.invalid_state');
    expect(
      TENANT_CHECKS.retry({ ...base, lock: { holder: 'w', heartbeatAgeMs: 1, fresh: true } })?.code,
    ).toBe('tenant.lock_held');
    expect(TENANT_CHECKS.retry(base)).toBeUndefined();
  });
  it('reset: nothing to reset, a fresh lock without force, force for staff only', () => {
    const live = {
      ...base,
      state: 'Provisioning' as const,
      activeRun: true,
      lock: { holder: 'w', heartbeatAgeMs: 100, fresh: true },
    };
    expect(TENANT_CHECKS.reset(base)?.code).toBe('tenant.nothing_to_reset');
    expect(TENANT_CHECKS.reset(live)?.code).toBe('tenant.lock_fresh');
    expect(TENANT_CHECKS.reset_force(live)?.kind).toBe('forbidden');
    expect(TENANT_CHECKS.reset_force({ ...live, isStaff: true })).toBeUndefined();
    expect(tenantAbilities({ ...live, isStaff: true }).reset_force.warning).toMatch(/cuts it off/);
    expect(
      TENANT_CHECKS.reset({ ...live, lock: { holder: 'w', heartbeatAgeMs: 90_000, fresh: false } }),
    ).toBeUndefined();
  });
  it('decommission: Active, Failed, or Decommissioning after a failed run; no lock, no pending order', () => {
    expect(TENANT_CHECKS.decommission({ ...base, state: 'Provisioning' })?.code).toBe('tenant.invalid_state');
    expect(TENANT_CHECKS.decommission({ ...base, state: 'Decommissioning' })?.code).toBe(
      'tenant.invalid_state',
    );
    expect(
      TENANT_CHECKS.decommission({ ...base, state: 'Decommissioning', decommissionRecoverable: true }),
    ).toBeUndefined();
    expect(TENANT_CHECKS.decommission({ ...base, pendingOrder: true })?.code).toBe(
      'order.pending_order_exists',
    );
    expect(TENANT_CHECKS.force_destroy(base)?.kind).toBe('forbidden');
  });
  it('opens the admin console only when Active', () => {
    expect(
      tenantAbilities({ ...base, state: 'Active', adminConsoleUrl: 'https://a.b:1/admin/' })
        .open_admin_console.allowed,
    ).toBe(true);
    expect(tenantAbilities(base).open_admin_console.allowed).toBe(false);
  });
});
