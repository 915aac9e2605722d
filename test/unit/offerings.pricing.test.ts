import { describe, expect, it } from 'vitest';
import { formatDecimal, multiply, parseDecimal } from '../../src/modules/offerings/domain/decimal.js';
import {
  type ComponentPricing,
  estimateCost,
  minimalPrice,
  type PlanPricing,
  planType,
} from '../../src/modules/offerings/domain/pricing.js';

const components: ComponentPricing[] = [
  { type: 'cpu', billing_type: 'limit' },
  { type: 'ram', billing_type: 'limit' },
  { type: 'support', billing_type: 'fixed' },
  { type: 'gpu_hours', billing_type: 'usage' },
  { type: 'setup', billing_type: 'one' },
  { type: 'switch', billing_type: 'few' },
];
const plan: PlanPricing = {
  unit_price: '10.0000000000',
  prices: { cpu: '2.5', ram: '0.1', support: '15', gpu_hours: '3', setup: '100', switch: '50' },
  quotas: { support: '2', gpu_hours: '1000' },
};

describe('decimal arithmetic', () => {
  it.each([
    ['0.1', '0.1000000000'],
    ['12', '12.0000000000'],
    ['.5', '0.5000000000'],
    ['5.', '5.0000000000'],
    ['-3.25', '-3.2500000000'],
    ['1e-7', '0.0000001000'],
    ['1.5E3', '1500.0000000000'],
    ['0.00000000005', '0.0000000001'],
    ['0.00000000004', '0.0000000000'],
    ['999999999999.9999999999', '999999999999.9999999999'],
  ])('parses %s and formats it as %s (half away from zero beyond 10 digits)', (input, out) => {
    expect(formatDecimal(parseDecimal(input))).toBe(out);
  });

  it('takes numbers by their shortest form, so 0.1 is exactly one tenth', () => {
    expect(formatDecimal(parseDecimal(0.1) + parseDecimal(0.2))).toBe('0.3000000000');
    expect(formatDecimal(parseDecimal(123456789.123))).toBe('123456789.1230000000');
    expect(formatDecimal(parseDecimal(1e-7))).toBe('0.0000001000');
  });

  it('multiplies exactly and rounds the product back to 10 digits', () => {
    expect(formatDecimal(multiply(parseDecimal('0.1'), parseDecimal('3')))).toBe('0.3000000000');
    expect(formatDecimal(multiply(parseDecimal('0.0000000001'), parseDecimal('0.5')))).toBe('0.0000000001');
    expect(formatDecimal(multiply(parseDecimal('-0.0000000001'), parseDecimal('0.5')))).toBe('-0.0000000001');
    expect(formatDecimal(multiply(parseDecimal('1234567.891'), parseDecimal('1000')))).toBe(
      '1234567891.0000000000',
    );
  });

  it.each(['', '.', 'abc', '1.2.3', '1e', '--1', '1e999', Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s',
    (bad) => {
      expect(() => parseDecimal(bad)).toThrow(RangeError);
    },
  );
});

describe('estimateCost', () => {
  it('adds the unit price, price × limit per limit component and price × amount per fixed component', () => {
    // 10 + 2.5 × 4 + 0.1 × 16 + 15 × 2 = 51.6; usage, one-time and on-switch components add nothing.
    expect(estimateCost(plan, components, { cpu: 4, ram: 16, gpu_hours: 500, setup: 1 })).toBe(
      '51.6000000000',
    );
  });

  it('counts a missing limit as 0 and ignores limits of unknown components', () => {
    expect(estimateCost(plan, components, { nope: 99 })).toBe('40.0000000000');
  });

  it('has no floating-point error: 0.1 × 3 + 0.2 is 0.5 exactly', () => {
    const p: PlanPricing = { unit_price: '0.2', prices: { cpu: '0.1' }, quotas: {} };
    expect(estimateCost(p, [{ type: 'cpu', billing_type: 'limit' }], { cpu: 3 })).toBe('0.5000000000');
  });

  it('accepts decimal-string and fractional limits and keeps large sums exact', () => {
    const p: PlanPricing = { unit_price: '0', prices: { cpu: '0.0000000001', ram: '999999.99' }, quotas: {} };
    const c: ComponentPricing[] = [
      { type: 'cpu', billing_type: 'limit' },
      { type: 'ram', billing_type: 'limit' },
    ];
    expect(estimateCost(p, c, { cpu: '3', ram: 1000 })).toBe('999999990.0000000003');
    expect(estimateCost(p, c, { cpu: 0.5, ram: '0.5' })).toBe('499999.9950000001');
  });

  it('is the unit price alone for a plan without component prices', () => {
    const p: PlanPricing = { unit_price: '7.25', prices: {}, quotas: {} };
    expect(estimateCost(p, components, { cpu: 10 })).toBe('7.2500000000');
  });
});

describe('plan_type and minimal_price (Waldur BasePlanSerializer)', () => {
  it('reports the billing kind of the priced components, mixed when they differ', () => {
    const only = (billing_type: ComponentPricing['billing_type']): ComponentPricing[] => [
      { type: 'x', billing_type },
    ];
    const priced: PlanPricing = { unit_price: '0', prices: { x: '1' }, quotas: {} };
    expect(planType(priced, only('limit'))).toBe('limit');
    expect(planType(priced, only('usage'))).toBe('usage-based');
    expect(planType(priced, only('fixed'))).toBe('fixed');
    expect(planType(priced, only('one'))).toBe('one-time');
    expect(planType(priced, only('few'))).toBe('on-plan-switch');
    expect(planType(plan, components)).toBe('mixed');
    expect(planType({ unit_price: '5', prices: { x: '0' }, quotas: {} }, only('usage'))).toBe('fixed');
  });

  it('sums one unit of each limit component, fixed price × amount (1 when 0) and one-time charges', () => {
    // 2.5 + 0.1 + 15 × 2 + 100 = 132.6
    expect(minimalPrice(plan, components)).toBe('132.6000000000');
    const noAmount: PlanPricing = { unit_price: '0', prices: { support: '15' }, quotas: {} };
    expect(minimalPrice(noAmount, components)).toBe('15.0000000000');
  });
});
