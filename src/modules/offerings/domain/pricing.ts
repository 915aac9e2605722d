/**
 * Plan pricing rules: the monthly cost estimate of an order, and the `plan_type` / `minimal_price`
 * a plan shows (Waldur `Plan.get_estimate`, `BasePlanSerializer.get_plan_type` / `get_minimal_price`).
 * Every amount is a decimal string and all arithmetic is exact (see decimal.ts).
 */
import { formatDecimal, multiply, parseDecimal, type Scaled } from './decimal.js';

/** How a component is charged (Waldur `OfferingComponent.BillingTypes`). */
export const BILLING_TYPES = ['limit', 'usage', 'fixed', 'one', 'few'] as const;
/** One billing type: per ordered limit, per reported usage, fixed per plan, one-time, on plan switch. */
export type BillingType = (typeof BILLING_TYPES)[number];

/** Periods a component limit applies to (Waldur `LimitPeriods`). */
export const LIMIT_PERIODS = ['month', 'annual', 'total', 'quarterly'] as const;
/** One limit period. */
export type LimitPeriod = (typeof LIMIT_PERIODS)[number];

/** Plan billing units (Waldur `BillingUnit`, api-contract §0.6). */
export const PLAN_UNITS = ['hour', 'day', 'half_month', 'month', 'quarter', 'quantity'] as const;
/** One plan unit. */
export type PlanUnit = (typeof PLAN_UNITS)[number];

/** What pricing needs of a plan: its unit price and, per component type, price and amount. */
export interface PlanPricing {
  /** Decimal string. */
  readonly unit_price: string;
  /** Component type → price per unit (decimal string). */
  readonly prices: Readonly<Record<string, string>>;
  /** Component type → amount included in the plan (decimal string); used by 'fixed' components. */
  readonly quotas: Readonly<Record<string, string>>;
}

/** What pricing needs of an offering component. */
export interface ComponentPricing {
  readonly type: string;
  readonly billing_type: BillingType;
}

/** Requested limits of an order: component type → amount (number or decimal string). */
export type Limits = Readonly<Record<string, number | string>>;

const price = (plan: PlanPricing, type: string): Scaled => parseDecimal(plan.prices[type] ?? '0');
const quota = (plan: PlanPricing, type: string): Scaled => parseDecimal(plan.quotas[type] ?? '0');

/**
 * Monthly cost of ordering `plan` with `limits`: the unit price, plus price × requested limit for
 * each 'limit' component (a missing limit counts as 0), plus price × plan amount for each 'fixed'
 * component. Usage components are billed later from reported usage, and one-time / on-switch
 * charges are not monthly, so they add nothing. Returns a decimal string with 10 fraction digits.
 */
export function estimateCost(
  plan: PlanPricing,
  components: readonly ComponentPricing[],
  limits: Limits,
): string {
  let total = parseDecimal(plan.unit_price);
  for (const c of components) {
    if (c.billing_type === 'limit') total += multiply(price(plan, c.type), parseDecimal(limits[c.type] ?? 0));
    else if (c.billing_type === 'fixed') total += multiply(price(plan, c.type), quota(plan, c.type));
  }
  return formatDecimal(total);
}

/**
 * Waldur's `minimal_price`: one unit of each priced 'limit' component, 'fixed' components times
 * their amount (1 when the amount is 0), and one-time charges.
 */
export function minimalPrice(plan: PlanPricing, components: readonly ComponentPricing[]): string {
  let total = 0n;
  for (const c of components) {
    const p = price(plan, c.type);
    if (p === 0n) continue;
    if (c.billing_type === 'limit' || c.billing_type === 'one') total += p;
    else if (c.billing_type === 'fixed') {
      const amount = quota(plan, c.type);
      total += multiply(p, amount === 0n ? parseDecimal(1) : amount);
    }
  }
  return formatDecimal(total);
}

const PLAN_TYPE_OF: Record<BillingType, string> = {
  usage: 'usage-based',
  fixed: 'fixed',
  one: 'one-time',
  few: 'on-plan-switch',
  limit: 'limit',
};

/**
 * Waldur's `plan_type`: the billing kind of the plan's priced components, `mixed` when they differ.
 * Waldur answers null for a plan without priced components; the contract types the key as a
 * string, and such a plan costs only its unit price, so it is reported as `fixed`.
 */
export function planType(plan: PlanPricing, components: readonly ComponentPricing[]): string {
  const kinds = new Set(components.filter((c) => price(plan, c.type) !== 0n).map((c) => c.billing_type));
  if (kinds.size > 1) return 'mixed';
  const [only] = [...kinds];
  return only ? PLAN_TYPE_OF[only] : 'fixed';
}
