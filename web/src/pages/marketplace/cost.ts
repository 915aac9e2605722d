import { estimateCost } from '../../../../src/modules/offerings/domain/pricing.js';
import type { PublicOffering, PublicPlan } from '../../api/types.js';

const asStrings = (rec: Record<string, number>) =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, String(v)]));

/**
 * The monthly cost of ordering `plan` with `limits`, computed by the server's own pricing function
 * (the order's `cost` is the same estimate), so the preview and the order never disagree.
 */
export function estimate(
  plan: PublicPlan,
  components: PublicOffering['components'],
  limits: Record<string, number>,
): string {
  return estimateCost(
    { unit_price: plan.unit_price, prices: asStrings(plan.prices), quotas: asStrings(plan.quotas) },
    components,
    limits,
  );
}

/** One line of the estimate's breakdown: "CPU cores: 4 × 4.50". */
export function breakdown(
  plan: PublicPlan,
  components: PublicOffering['components'],
  limits: Record<string, number>,
) {
  return components
    .filter((c) => c.billing_type === 'limit' || c.billing_type === 'fixed')
    .map((c) => {
      const amount = c.billing_type === 'limit' ? (limits[c.type] ?? 0) : (plan.quotas[c.type] ?? 0);
      return { type: c.type, name: c.name, unit: c.measured_unit, amount, price: plan.prices[c.type] ?? 0 };
    });
}
