import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { FieldQuery, listQuery, multi } from '../../../../platform/http/query.js';
import { OrganizationGroupOut } from '../../../identity/api.js';
import { BILLING_TYPES } from '../../domain/pricing.js';
import { DecimalInput, PlanFields } from './inputs.js';

/** `POST /api/marketplace-plans/` body. */
export const PlanCreateBody = PlanFields.extend({
  offering: z
    .string()
    .min(1)
    .meta({ description: 'Provider offering URL (`…/api/marketplace-provider-offerings/<uuid>/`).' }),
});

/** `GET /api/marketplace-plans/` filters. */
export const PlanListQuery = listQuery({ offering_uuid: multi(UuidInput) });

/** Path of one public plan. */
export const PublicPlanParams = z.object({ uuid: UuidInput, plan_uuid: UuidInput });

/** Query of the public plan list. */
export const PublicPlanListQuery = listQuery({});

/** Query of one public plan. */
export const PublicPlanQuery = FieldQuery;

/** A component's price in a plan (Waldur `NestedPlanComponent`). */
const PlanComponentOut = z.object({
  type: z.string(),
  name: z.string(),
  measured_unit: z.string(),
  billing_type: z.enum(BILLING_TYPES),
  amount: z.number(),
  price: z.string(),
});

/** Fields every plan shows (Waldur `BasePlanSerializer`). */
const PlanBase = z.object({
  url: z.string(),
  uuid: z.string(),
  name: z.string(),
  description: z.string(),
  article_code: z.string(),
  max_amount: z.number().int().nullable(),
  archived: z.boolean(),
  is_active: z.boolean(),
  unit_price: z.string(),
  unit: z.string(),
  init_price: z.number(),
  switch_price: z.number(),
  backend_id: z.string(),
  organization_groups: z.array(OrganizationGroupOut),
  components: z.array(PlanComponentOut),
  prices: z.record(z.string(), z.number()),
  future_prices: z.record(z.string(), z.number()),
  quotas: z.record(z.string(), z.number()),
  resources_count: z.number().int(),
  plan_type: z.string(),
  minimal_price: z.string(),
});

/** Waldur `ProviderPlanDetails`: every must-have key of contract §7, with the provider offering URL. */
export const ProviderPlanOut = PlanBase.extend({ offering: z.string() }).meta({ id: 'ProviderPlanDetails' });

/** Waldur `BasePublicPlan`: `url` is `…/marketplace-public-offerings/<offering>/plans/<plan>/`. */
export const PublicPlanOut = PlanBase.meta({ id: 'BasePublicPlan' });

/** `PUT /api/marketplace-plans/<uuid>/` body (Waldur `ProviderPlanDetailsRequest`; `offering` cannot move). */
export const PlanPutBody = PlanFields.extend({
  offering: z.string().optional().meta({ description: 'Ignored: a plan stays with its offering.' }),
});

/** `PATCH /api/marketplace-plans/<uuid>/` body. */
export const PlanPatchBody = PlanPutBody.partial();

/** `POST …/update_prices/` body (Waldur `PricesUpdateRequest`). */
export const PricesUpdateBody = z.object({
  prices: z.record(z.string(), DecimalInput).meta({ description: 'Component type → price per unit.' }),
});

/** `POST …/update_quotas/` body (Waldur `QuotasUpdateRequest`): fixed components only. */
export const QuotasUpdateBody = z.object({
  quotas: z
    .record(z.string(), z.number().int().min(0).max(2_147_483_647))
    .meta({ description: 'Fixed component type → amount included in the plan.' }),
});

/** Answer of `archive`. */
export const PlanDetailOut = z.object({ detail: z.string() });
