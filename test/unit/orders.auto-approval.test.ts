import { describe, expect, it } from 'vitest';
import {
  type AutoApprovalFacts,
  evaluateAutoApproval,
} from '../../src/modules/orders/domain/auto-approval.js';

const base: AutoApprovalFacts = {
  state: 'pending-consumer',
  type: 'Create',
  hasPlan: true,
  rule: { enabled: true, monthlyCostLimit: '100.0000000000' },
  offeringHasUsageComponents: false,
  purchaseOrderMissing: false,
  estimatedMonthlyCost: '50',
};

describe('EligibilityHelperTest / EstimatedMonthlyCostTest (§5.5)', () => {
  it('passes within the limit and names the compared cost', () => {
    expect(evaluateAutoApproval(base)).toEqual({ eligible: true, estimatedMonthlyCost: '50' });
  });

  it('the limit is inclusive: equal passes, one cent more does not', () => {
    expect(evaluateAutoApproval({ ...base, estimatedMonthlyCost: '100' }).eligible).toBe(true);
    expect(evaluateAutoApproval({ ...base, estimatedMonthlyCost: '100.01' })).toEqual({
      eligible: false,
      reason: 'over_limit',
    });
  });

  it('a zero limit admits only free orders', () => {
    const zero = { ...base, rule: { enabled: true, monthlyCostLimit: '0' } };
    expect(evaluateAutoApproval({ ...zero, estimatedMonthlyCost: '0' }).eligible).toBe(true);
    expect(evaluateAutoApproval({ ...zero, estimatedMonthlyCost: '0.0000000001' }).eligible).toBe(false);
  });

  it.each([
    [{ state: 'pending-provider' as const }, 'not_pending_consumer'],
    [{ hasPlan: false, estimatedMonthlyCost: null }, 'no_plan'],
    [{ rule: null }, 'no_rule'],
    [{ rule: { enabled: false, monthlyCostLimit: '100' } }, 'rule_disabled'],
    [{ offeringHasUsageComponents: true }, 'usage_components'],
    [{ purchaseOrderMissing: true }, 'purchase_order_required'],
  ])('refuses %o with %s', (change, reason) => {
    expect(evaluateAutoApproval({ ...base, ...change })).toEqual({ eligible: false, reason });
  });

  it('TERMINATE costs 0 and needs neither a plan nor a purchase order', () => {
    const terminate = {
      ...base,
      type: 'Terminate' as const,
      hasPlan: false,
      purchaseOrderMissing: true,
      estimatedMonthlyCost: '999',
      rule: { enabled: true, monthlyCostLimit: '0' },
    };
    expect(evaluateAutoApproval(terminate)).toEqual({ eligible: true, estimatedMonthlyCost: '0' });
  });

  it('usage components disqualify even a TERMINATE', () => {
    expect(
      evaluateAutoApproval({ ...base, type: 'Terminate', offeringHasUsageComponents: true }).eligible,
    ).toBe(false);
  });
});
