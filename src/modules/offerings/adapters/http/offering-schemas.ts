import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { OrganizationGroupOut } from '../../../identity/api.js';
import { OFFERING_STATES, OFFERING_TYPES, type OfferingType } from '../../domain/offering-type.js';
import { BILLING_TYPES, LIMIT_PERIODS } from '../../domain/pricing.js';
import { ComponentBody, JsonObjectInput, OptionsInput, PlanFields } from './inputs.js';
import { ProviderPlanOut, PublicPlanOut } from './plan-schemas.js';

const link = (what: string) =>
  z
    .string()
    .min(1)
    .meta({ description: `${what} URL.` });
const OfferingTypeInput = z.enum(OFFERING_TYPES as [OfferingType, ...OfferingType[]]);

/** `POST /api/marketplace-categories/` body. */
export const CategoryBody = z.object({
  title: z.string().trim().min(1).max(255),
  description: z.string().max(2000).optional(),
});

/** Waldur `MarketplaceCategory`. */
export const CategoryOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    title: z.string(),
    description: z.string(),
    offering_count: z.number().int(),
    created: z.string(),
  })
  .meta({ id: 'MarketplaceCategory' });

/** `GET /api/marketplace-categories/` filters. */
export const CategoryListQuery = listQuery({ title: z.string().optional() });

/** `POST /api/marketplace-provider-offerings/` body (Waldur `OfferingCreateRequest`). */
export const OfferingCreateBody = z.object({
  name: z.string().trim().min(1).max(150),
  category: link('Category (`…/api/marketplace-categories/<uuid>/`)'),
  type: OfferingTypeInput,
  customer: link('Provider organization (`…/api/customers/<uuid>/`)'),
  description: z.string().max(5000).optional(),
  shared: z.boolean().optional(),
  billable: z.boolean().optional(),
  backend_id: z.string().max(255).optional(),
  plugin_options: JsonObjectInput.optional().meta({
    description:
      'Processor options. Orderly reads `auto_complete_on_approval` (boolean, Basic and Support only, default false): ' +
      'orders complete at approval instead of staying Executing until the provider marks them done.',
  }),
  secret_options: JsonObjectInput.optional().meta({ description: 'Staff only: script bodies, credentials.' }),
  options: OptionsInput.optional(),
  resource_options: OptionsInput.optional(),
  components: z.array(ComponentBody).max(50).optional(),
  plans: z.array(PlanFields).max(50).optional(),
});

/** `PATCH /api/marketplace-provider-offerings/{uuid}/` body. */
export const OfferingPatchBody = OfferingCreateBody.pick({
  name: true,
  description: true,
  options: true,
  plugin_options: true,
  resource_options: true,
  secret_options: true,
  shared: true,
  billable: true,
}).partial();

/** `pause` body (optional). */
export const PauseBody = z.object({ paused_reason: z.string().max(2000).optional() });

/** `update_type` body. */
export const UpdateTypeBody = z.object({ type: OfferingTypeInput });

/** Filters of the provider and public offering lists (unknown `type` / `state` labels are dropped). */
export const OfferingListQuery = listQuery({
  customer_uuid: UuidInput.optional(),
  type: multi(z.string()),
  state: multi(z.string()),
  shared: BoolFlag.optional(),
  name: z.string().optional(),
  organization_group_uuid: multi(UuidInput),
  allowed_customer_uuid: UuidInput.optional().meta({
    description: 'Only offerings this organization may order (its own, and shared ones open to its groups).',
  }),
});

/** Waldur `OfferingComponent`. */
export const ComponentOut = z
  .object({
    uuid: z.string(),
    type: z.string(),
    name: z.string(),
    description: z.string(),
    billing_type: z.enum(BILLING_TYPES),
    measured_unit: z.string(),
    limit_period: z.enum(LIMIT_PERIODS).nullable(),
    limit_amount: z.number().int().nullable(),
    min_value: z.number().int().nullable(),
    max_value: z.number().int().nullable(),
    max_available_limit: z.number().int().nullable(),
    is_prepaid: z.boolean(),
  })
  .meta({ id: 'OfferingComponent' });

const jsonObject = z.record(z.string(), z.unknown());

const OfferingBase = z.object({
  url: z.string(),
  uuid: z.string(),
  created: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  customer: z.string(),
  customer_uuid: z.string(),
  customer_name: z.string(),
  category: z.string(),
  category_uuid: z.string(),
  category_title: z.string(),
  type: z.string(),
  state: z.enum(OFFERING_STATES),
  shared: z.boolean(),
  billable: z.boolean(),
  paused_reason: z.string(),
  backend_id: z.string(),
  plugin_options: jsonObject,
  options: jsonObject,
  resource_options: jsonObject,
  attributes: jsonObject,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  full_description: z.string(),
  privacy_policy_link: z.string(),
  helpdesk_url: z.string(),
  documentation_url: z.string(),
  access_url: z.string(),
  getting_started: z.string(),
  integration_guide: z.string(),
  components: z.array(ComponentOut),
  organization_groups: z.array(OrganizationGroupOut),
  thumbnail: z.string().nullable(),
  endpoints: z.array(z.unknown()),
  partitions: z.array(z.unknown()),
});

/** Waldur `ProviderOfferingDetails`; `secret_options` only for staff. */
export const ProviderOfferingOut = OfferingBase.extend({
  secret_options: jsonObject.optional(),
  plans: z.array(ProviderPlanOut),
}).meta({ id: 'ProviderOfferingDetails' });

/** Waldur `PublicOfferingDetails`: plan URLs are public plan URLs. */
export const PublicOfferingOut = OfferingBase.extend({ plans: z.array(PublicPlanOut) }).meta({
  id: 'PublicOfferingDetails',
});

/** Waldur `DetailState`: answer of the offering state actions. */
export const DetailStateOut = z
  .object({ detail: z.string(), state: z.enum(OFFERING_STATES) })
  .meta({ id: 'DetailState' });
