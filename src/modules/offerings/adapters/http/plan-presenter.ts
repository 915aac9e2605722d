import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { presentOrganizationGroup } from '../../../identity/api.js';
import { minimalPrice, planType } from '../../domain/pricing.js';
import { type PlanView, planIsActive, pricingOf } from '../pg/plan-repository.js';

/** Public URL of a plan: what order bodies carry (`…/marketplace-public-offerings/<o>/plans/<p>/`). */
export function publicPlanUrl(base: string, offeringUuid: string, planUuid: string): string {
  return `${objectUrl(base, 'marketplace-public-offerings', offeringUuid)}plans/${hex(planUuid)}/`;
}

// Waldur renders these maps through SerializerMethodField, i.e. as JSON numbers.
const numbers = (entries: [string, string][]) => Object.fromEntries(entries.map(([k, v]) => [k, Number(v)]));

function planBody(base: string, p: PlanView) {
  const pricing = pricingOf(p);
  const components = p.parts.map((c) => ({ type: c.type, billing_type: c.billing_type }));
  return {
    uuid: hex(p.uuid),
    name: p.name,
    description: p.description,
    article_code: p.article_code,
    max_amount: p.max_amount,
    archived: p.archived,
    is_active: planIsActive(p),
    unit_price: p.unit_price,
    unit: p.unit,
    // Orderly has no one-off charges on order or plan switch.
    init_price: 0,
    switch_price: 0,
    backend_id: p.backend_id,
    organization_groups: p.organization_groups.map((g) => presentOrganizationGroup(base, g)),
    components: p.parts.map(({ future_price: _f, ...c }) => ({ ...c, amount: Number(c.amount) })),
    prices: numbers(Object.entries(pricing.prices)),
    // Prices scheduled by `update_prices` on a plan in use; they apply from the next billing month.
    future_prices: numbers(
      p.parts.flatMap((c) => (c.future_price === null ? [] : [[c.type, c.future_price]])),
    ),
    quotas: numbers(Object.entries(pricing.quotas)),
    resources_count: p.resources_count,
    plan_type: planType(pricing, components),
    minimal_price: minimalPrice(pricing, components),
  };
}

/** Waldur `ProviderPlanDetails`. */
export function presentProviderPlan(base: string, p: PlanView) {
  return {
    url: objectUrl(base, 'marketplace-plans', p.uuid),
    ...planBody(base, p),
    offering: objectUrl(base, 'marketplace-provider-offerings', p.offering_uuid),
  };
}

/** Waldur `BasePublicPlan`. */
export function presentPublicPlan(base: string, p: PlanView) {
  return { url: publicPlanUrl(base, p.offering_uuid, p.uuid), ...planBody(base, p) };
}
