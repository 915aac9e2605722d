import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { planRefsShape, projectRefsShape } from '../../../../platform/http/marketplace-refs.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { AbilityOut } from '../../../../platform/http/schemas.js';
import { DriftOut } from '../../../drift/api.js';
import { OrderOut } from '../../../orders/api.js';
import { RESOURCE_STATES } from '../../domain/resource-state.js';
import { RESOURCE_ORDERING } from '../pg/resource-filters.js';

const str = z.string();
const nullableStr = z.string().nullable();
const obj = z.record(str, z.unknown());

/** One recovery path of a resource stuck in Terminating (seed 001). */
export const RecoveryPathOut = z
  .object({
    path: z.enum(['cancel_order', 'cancel_termination', 'set_as_erred', 'set_state_ok', 'force_destroy']),
    label: str,
    who: z.enum(['consumer', 'provider', 'staff']),
    applies: z.boolean().meta({ description: 'The offering type has this path (capability table).' }),
    waldur_ui: str.meta({
      description: "Seed 001 table cell for the type: 'Yes', 'Yes (staff)', 'API only' or '—'.",
    }),
    ability: str.meta({
      description: 'Where the current user’s permission is, e.g. `abilities.set_as_erred`.',
    }),
    description: str,
    warning: str.optional(),
  })
  .meta({ id: 'RecoveryPath' });

/** The `guidance` of a Terminating resource (seed 001, orders spec §8.1). */
export const TerminatingGuidanceOut = z
  .object({
    title: str,
    summary: str,
    what_you_see: str,
    offering_family: str,
    paths: z.array(RecoveryPathOut),
  })
  .meta({ id: 'TerminatingGuidance' });

/** Waldur `Resource` (api-contract §5) plus Orderly's `abilities` and `guidance`. */
export const ResourceOut = z
  .object({
    url: str,
    uuid: str,
    name: str,
    slug: str.meta({
      description:
        'Unique, from the name as Waldur makes it (e.g. my-alloc-1); agents name accounts after it.',
    }),
    description: str,
    state: z.enum(RESOURCE_STATES as [string, ...string[]]),
    backend_id: str,
    effective_id: str,
    offering: str,
    offering_uuid: str,
    offering_name: str,
    offering_slug: str,
    offering_type: str,
    offering_plugin_options: obj,
    ...planRefsShape,
    ...projectRefsShape,
    attributes: obj,
    limits: obj,
    options: obj,
    backend_metadata: obj,
    current_usages: obj,
    endpoints: z.array(obj),
    cost: nullableStr,
    end_date: nullableStr,
    error_message: str,
    error_traceback: str.meta({ description: 'Non-empty only for staff and support.' }),
    created: str,
    modified: str,
    last_sync: z.iso.datetime({ offset: true }).meta({
      description: 'When the provider last synchronised the resource (set on creation; never null).',
    }),
    can_terminate: z.boolean(),
    order_in_progress: OrderOut.nullable(),
    creation_order: OrderOut.nullable(),
    restrict_member_access: z.boolean(),
    paused: z.boolean(),
    downscaled: z.boolean(),
    abilities: z
      .record(str, AbilityOut)
      .meta({ description: 'Per action: allowed, and when not, why (code and text).' }),
    guidance: TerminatingGuidanceOut.nullable().meta({
      description: 'How to recover a resource stuck in Terminating; null in every other state.',
    }),
    drift: DriftOut.nullable().meta({
      description: 'Orderly: the open drift finding (rule and implied repair); null when none.',
    }),
  })
  .meta({ id: 'Resource' });

const isoTime = z.iso.datetime({ offset: true }).or(z.iso.date());
const orderingKeys = Object.keys(RESOURCE_ORDERING).flatMap((k) => [k, `-${k}`]);

/** Filters of both resource lists (api-contract §5, orders spec §14.3). */
export const ResourceListQuery = listQuery({
  offering_uuid: multi(UuidInput),
  state: multi(str).meta({ description: 'Resource state labels (repeatable); unknown labels are ignored.' }),
  order_state: multi(str).meta({
    description: 'Order state labels (repeatable): resources with such an order.',
  }),
  project_uuid: UuidInput.optional(),
  customer_uuid: UuidInput.optional(),
  provider_uuid: UuidInput.optional(),
  backend_id: str.max(255).optional(),
  name: str.max(200).optional(),
  name_exact: str.max(200).optional(),
  query: str.max(200).optional(),
  visible_to_providers: BoolFlag.optional(),
  offering_type: multi(str.max(100)).meta({
    description: 'Offering types, e.g. Marketplace.Slurm (repeatable).',
  }),
  stuck: BoolFlag.optional().meta({
    description:
      'Orderly: only resources in Creating, Updating or Terminating for longer than stuck_minutes.',
  }),
  stuck_minutes: z.coerce.number().int().min(1).max(525600).optional().meta({
    description: 'Orderly: the threshold of `stuck`, in minutes (default 60).',
  }),
  drift: BoolFlag.optional().meta({
    description: 'Orderly: only resources with (true) or without (false) an open drift finding.',
  }),
  category_uuid: UuidInput.optional(),
  plan_uuid: UuidInput.optional(),
  project_name: str.max(200).optional(),
  offering_slug: str.max(200).optional(),
  runtime_state: str.max(100).optional().meta({ description: "The backend metadata's runtime_state." }),
  paused: BoolFlag.optional(),
  downscaled: BoolFlag.optional(),
  restrict_member_access: BoolFlag.optional(),
  has_terminate_date: BoolFlag.optional().meta({
    description: 'Resources with (true) or without an end date.',
  }),
  usage_based: BoolFlag.optional().meta({ description: 'Offering has (true) or lacks a usage component.' }),
  only_usage_based: BoolFlag.optional().meta({ description: 'Offering has only usage components.' }),
  limit_based: BoolFlag.optional().meta({ description: 'Offering has (true) or lacks a limit component.' }),
  only_limit_based: BoolFlag.optional().meta({ description: 'Offering has only limit components.' }),
  created: isoTime.optional().meta({ description: 'Created at or after this time (or date).' }),
  created_before: isoTime.optional().meta({ description: 'Created before this time (or date).' }),
  modified: isoTime.optional(),
  modified_before: isoTime.optional(),
  o: multi(z.enum(orderingKeys as [string, ...string[]])),
});

/** `{order_uuid}` of order-creating resource actions (Waldur `OrderUUID`). */
export const OrderUuidOut = z.object({ order_uuid: str }).meta({ id: 'OrderUUID' });

/** One member of the resource's team (Waldur `ProjectUser`; every key is must-have, §7). */
export const ProjectUserOut = z
  .object({
    url: str,
    uuid: str,
    username: str,
    full_name: str,
    email: str,
    role: str,
    expiration_time: nullableStr,
    offering_user_username: nullableStr,
    offering_user_state: nullableStr,
  })
  .meta({ id: 'ProjectUser' });

/** Optional `reason` every mutating resource action accepts (§17 f: recorded in the audit event). */
export const reason = str.max(2000).optional().meta({ description: 'Why (recorded in the audit event).' });
