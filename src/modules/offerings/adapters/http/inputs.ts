import { z } from 'zod';
import { formatDecimal, parseDecimal } from '../../domain/decimal.js';
import { BILLING_TYPES, LIMIT_PERIODS, PLAN_UNITS } from '../../domain/pricing.js';

/** Largest value of an `integer` (int4) column. */
const INT4_MAX = 2_147_483_647;
const int4 = z.number().int().min(0).max(INT4_MAX);

/**
 * A non-negative money amount as Waldur clients send it: a decimal string ("12.50") or a number.
 * Normalised to the exact string PostgreSQL stores for numeric(22, 10).
 */
export const DecimalInput = z
  .union([
    z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{0,10})?$/, 'A non-negative decimal, at most 12 integer and 10 fraction digits.'),
    z.number().nonnegative().lt(1e12),
  ])
  .transform((v) => formatDecimal(parseDecimal(v)))
  .meta({ description: 'Decimal string ("12.50") or number.', type: 'string' });

/** A JSON object field (`plugin_options`, `secret_options`). */
export const JsonObjectInput = z.record(z.string(), z.unknown());

/** One declared option (Waldur `OptionField`): clients read `type` and `label` of each (contract §7). */
const OptionField = z.looseObject({ type: z.string().min(1), label: z.string() });

/** `options` / `resource_options`: `{options: {key: OptionField}, order: [key…]}`, other keys kept. */
export const OptionsInput = z.looseObject({
  options: z.record(z.string(), OptionField).optional(),
  order: z.array(z.string()).optional(),
});

/** A component type: an identifier such as `cpu`, `ram`, `node_hours`. */
export const ComponentType = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,49}$/, 'Letters, digits, "_", "." and "-", starting with a letter.');

/** Fields of a component (Waldur `OfferingComponentRequest`; unknown keys ignored). */
export const ComponentFields = z.object({
  type: ComponentType,
  name: z.string().trim().min(1).max(150),
  billing_type: z.enum(BILLING_TYPES),
  description: z.string().max(2000).optional(),
  measured_unit: z.string().max(30).optional(),
  // Waldur's BlankEnum: "" means no period.
  limit_period: z
    .union([z.enum(LIMIT_PERIODS), z.literal('')])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  limit_amount: int4.nullable().optional(),
  min_value: int4.nullable().optional(),
  max_value: int4.nullable().optional(),
  max_available_limit: int4.nullable().optional(),
  is_prepaid: z.boolean().optional(),
});

/** A component in an offering create body, or `create_offering_component`. */
export const ComponentBody = ComponentFields.refine(
  (c) => c.min_value == null || c.max_value == null || c.min_value <= c.max_value,
  {
    message: 'max_value must not be below min_value.',
    path: ['max_value'],
  },
);

/** Fields of a plan, inline in an offering or on its own (Waldur `BaseProviderPlanRequest`). */
export const PlanFields = z.object({
  name: z.string().trim().min(1).max(150),
  description: z.string().max(2000).optional(),
  unit: z.enum(PLAN_UNITS).optional(),
  unit_price: DecimalInput.optional(),
  max_amount: z.number().int().min(1).max(INT4_MAX).nullable().optional(),
  article_code: z.string().max(30).optional(),
  backend_id: z.string().max(255).optional(),
  prices: z
    .record(z.string(), DecimalInput)
    .optional()
    .meta({ description: 'Component type → price per unit.' }),
  quotas: z
    .record(z.string(), DecimalInput)
    .optional()
    .meta({ description: 'Component type → amount included in the plan.' }),
});
