import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { planRefsShape, projectRefsShape } from '../../../../platform/http/marketplace-refs.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { AbilityOut, DetailOut, StatusOut } from '../../../../platform/http/schemas.js';
import { ORDER_STATES } from '../../domain/order-state.js';
import { ORDER_TYPES } from '../../domain/order-type.js';

const str = z.string();
const ORDERABLE = new Set(['created', 'consumer_reviewed_at', 'cost', 'state']);
const nullableStr = z.string().nullable();

export { AbilityOut, DetailOut, StatusOut };

/** Waldur `OrderDetails` plus Orderly's `abilities` and `attempt_count`. */
export const OrderOut = z
  .object({
    url: str,
    uuid: str,
    created: str,
    modified: str,
    state: z.enum(ORDER_STATES as [string, ...string[]]),
    type: z.enum(ORDER_TYPES as [string, ...string[]]),
    offering: str,
    offering_uuid: str,
    offering_name: str,
    offering_type: str,
    offering_plugin_options: z.record(str, z.unknown()),
    ...planRefsShape,
    attributes: z.record(str, z.unknown()),
    limits: z.record(str, z.unknown()),
    marketplace_resource_uuid: str,
    resource_uuid: str,
    resource_name: str,
    resource_type: str,
    ...projectRefsShape,
    cost: nullableStr,
    error_message: str,
    error_traceback: str,
    error_updated_at: nullableStr,
    completed_at: nullableStr,
    created_by_username: nullableStr,
    created_by_full_name: str,
    consumer_reviewed_by: nullableStr,
    consumer_reviewed_by_full_name: str,
    consumer_reviewed_at: nullableStr,
    provider_reviewed_by: nullableStr,
    provider_reviewed_by_full_name: str,
    provider_reviewed_at: nullableStr,
    consumer_rejection_comment: str,
    provider_rejection_comment: str,
    termination_comment: str,
    request_comment: str,
    callback_url: nullableStr,
    start_date: nullableStr,
    backend_id: str,
    slug: str,
    output: str,
    can_terminate: z.boolean(),
    order_subtype: nullableStr,
    auto_approved: z.boolean(),
    auto_approved_by_rule_uuid: nullableStr,
    auto_approved_cost_limit_snapshot: nullableStr,
    attempt_count: z.number().int(),
    provider_message: str,
    provider_message_url: str,
    consumer_message: str,
    attachment: nullableStr.meta({ description: 'URL of the purchase-order PDF (download), or null.' }),
    attachment_file_name: nullableStr.meta({ description: 'File name of the purchase-order PDF.' }),
    abilities: z
      .record(str, AbilityOut)
      .meta({ description: 'Per action: allowed, and when not, why (code and text).' }),
  })
  .meta({ id: 'OrderDetails' });

/** `POST /api/marketplace-orders/` body (`type` is always Create). */
export const CreateOrderBody = z.object({
  project: str.min(1).meta({ description: 'Project URL `…/api/projects/<uuid>/`.' }),
  offering: str
    .min(1)
    .meta({ description: 'Public offering URL `…/api/marketplace-public-offerings/<uuid>/`.' }),
  plan: str
    .min(1)
    .optional()
    .meta({ description: 'Public plan URL `…/marketplace-public-offerings/<o>/plans/<p>/`.' }),
  attributes: z
    .record(str, z.unknown())
    .default({})
    .refine((a) => JSON.stringify(a).length <= 64 * 1024, 'Attributes must be at most 64 KiB of JSON.')
    .refine((a) => a.name === undefined || (typeof a.name === 'string' && a.name.length <= 150), {
      message: 'name must be a string of at most 150 characters.',
      path: ['name'],
    }),
  limits: z.record(str, z.number().nonnegative()).default({}),
  accepting_terms_of_service: z.boolean().optional(),
  callback_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .meta({ description: 'http(s) URL that every state change of the order is POSTed to (JSON).' }),
  request_comment: str.max(255).optional(),
  start_date: z.iso.date().optional(),
  slug: str.max(150).optional(),
  type: z.literal('Create').optional().meta({ description: 'Read-only: always Create.' }),
});

/** `GET /api/marketplace-orders/` filters (orders spec §14.2). */
export const OrderListQuery = listQuery({
  offering_uuid: multi(UuidInput),
  offering: str.optional(),
  offering_type: multi(str),
  offering_slug: multi(str),
  project_uuid: UuidInput.optional(),
  customer_uuid: UuidInput.optional(),
  provider_uuid: UuidInput.optional(),
  service_manager_uuid: UuidInput.optional(),
  resource_uuid: UuidInput.optional(),
  resource: str.optional(),
  resource_name: str.optional(),
  category_uuid: UuidInput.optional(),
  state: multi(str),
  type: multi(str),
  slug: str.optional(),
  query: str.max(200).optional(),
  created: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  created_before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  modified: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  modified_before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  can_approve_as_consumer: BoolFlag.optional(),
  can_approve_as_provider: BoolFlag.optional(),
  was_auto_approved: BoolFlag.optional(),
  // Waldur ignores unknown ordering fields rather than failing the request.
  o: multi(z.string().max(100)).transform((v) => v?.filter((k) => ORDERABLE.has(k.replace(/^-/, '')))),
});

/** `update_attachment` answer (Waldur `OrderAttachment`): the file's URL. */
export const AttachmentOut = z.object({ attachment: nullableStr }).meta({ id: 'OrderAttachment' });
