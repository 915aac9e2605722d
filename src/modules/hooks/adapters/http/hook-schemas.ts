import { z } from 'zod';
import { hex, objectUrl, UuidInput } from '../../../../platform/http/ids.js';
import { EVENT_TYPE_PATTERN } from '../../domain/delivery-policy.js';
import type { DeliveryRecord, HookRecord } from '../pg/hook-queries.js';

const EventTypes = z
  .array(z.string().regex(EVENT_TYPE_PATTERN, 'Must be an event type such as marketplace_order_completed.'))
  .min(1)
  .max(100)
  .transform((types) => [...new Set(types)])
  .meta({ description: 'Event types (as in `GET /api/events/`) the hook receives.' });

const Destination = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({
    description:
      'URL that receives a signed POST per event. Private, loopback and link-local addresses are refused unless allowed.',
  });

/** Body of `POST /api/hooks/`. */
export const CreateHookBody = z.object({
  destination_url: Destination,
  event_types: EventTypes,
  customer_uuid: UuidInput.optional().meta({
    description: 'Only events of this organization (as consumer or provider).',
  }),
  project_uuid: UuidInput.optional().meta({ description: 'Only events of this project.' }),
  offering_uuid: UuidInput.optional().meta({ description: 'Only events of this offering.' }),
  description: z.string().max(500).default(''),
  is_active: z.boolean().default(true),
});

/** Body of `PATCH /api/hooks/{uuid}/`; the scope cannot change. */
export const UpdateHookBody = z.object({
  destination_url: Destination.optional(),
  event_types: EventTypes.optional(),
  description: z.string().max(500).optional(),
  is_active: z.boolean().optional(),
});

/** A hook. */
export const HookOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    destination_url: z.string(),
    event_types: z.array(z.string()),
    customer_uuid: z.string().nullable(),
    project_uuid: z.string().nullable(),
    offering_uuid: z.string().nullable(),
    description: z.string(),
    is_active: z.boolean(),
    author_uuid: z.string(),
    author_username: z.string(),
    created: z.string(),
    modified: z.string(),
  })
  .meta({ id: 'Hook' });

/** A hook with its signing secret: only in the answers that create or rotate it. */
export const HookWithSecretOut = HookOut.extend({
  secret: z
    .string()
    .meta({ description: 'Signing secret, shown once. The HMAC key is this string as UTF-8.' }),
}).meta({ id: 'HookWithSecret' });

/** One delivery of the log. */
export const DeliveryOut = z
  .object({
    uuid: z.string(),
    event_id: z.number().int(),
    event_type: z.string(),
    state: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    response_code: z.number().int().nullable(),
    duration_ms: z.number().int().nullable().meta({ description: 'Duration of the last attempt.' }),
    last_error: z.string(),
    created: z.string(),
    last_attempt_at: z.string().nullable(),
    next_attempt_at: z
      .string()
      .nullable()
      .meta({ description: 'When the next attempt is due (pending only).' }),
    delivered_at: z.string().nullable(),
    replay_of: z.string().nullable().meta({ description: 'Uuid of the delivery this one replays.' }),
  })
  .meta({ id: 'HookDelivery' });

const hexOrNull = (v: string | null) => (v ? hex(v) : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Presents a hook. */
export function presentHook(base: string, h: HookRecord): z.output<typeof HookOut> {
  return {
    url: objectUrl(base, 'hooks', h.uuid),
    uuid: hex(h.uuid),
    destination_url: h.destination_url,
    event_types: h.event_types,
    customer_uuid: hexOrNull(h.customer_uuid),
    project_uuid: hexOrNull(h.project_uuid),
    offering_uuid: hexOrNull(h.offering_uuid),
    description: h.description,
    is_active: h.is_active,
    author_uuid: hex(h.author_uuid),
    author_username: h.author_username,
    created: h.created.toISOString(),
    modified: h.modified.toISOString(),
  };
}

/** Presents a delivery. */
export function presentDelivery(d: DeliveryRecord): z.output<typeof DeliveryOut> {
  return {
    uuid: hex(d.uuid),
    event_id: d.event_id,
    event_type: d.event_type,
    state: d.state,
    attempts: d.attempts,
    response_code: d.response_code,
    duration_ms: d.duration_ms,
    last_error: d.last_error,
    created: d.created.toISOString(),
    last_attempt_at: iso(d.last_attempt_at),
    next_attempt_at: d.state === 'pending' ? d.next_attempt_at.toISOString() : null,
    delivered_at: iso(d.delivered_at),
    replay_of: hexOrNull(d.replay_of_uuid),
  };
}
