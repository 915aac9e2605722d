import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { multi } from '../../../../platform/http/query.js';
import type { visibleEvents } from './event-queries.js';

/** The filters of the event feed, shared by `GET /api/events/` and the live stream. */
export const EventFilterShape = {
  order_uuid: UuidInput.optional(),
  resource_uuid: UuidInput.optional(),
  project_uuid: UuidInput.optional(),
  customer_uuid: UuidInput.optional(),
  event_type: multi(z.string().max(200)),
  created_from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  created_to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
};

/** Parsed values of {@link EventFilterShape}. */
export type EventFilters = z.output<z.ZodObject<typeof EventFilterShape>>;

type EventQuery = ReturnType<typeof visibleEvents>;

/** Narrows an event query by the feed's filters (scope uuids, types, creation time). */
export function applyEventFilters(q: EventQuery, f: EventFilters): EventQuery {
  let out = q;
  if (f.order_uuid) out = out.where('o.uuid', '=', f.order_uuid);
  if (f.resource_uuid) out = out.where('r.uuid', '=', f.resource_uuid);
  if (f.project_uuid) out = out.where('p.uuid', '=', f.project_uuid);
  if (f.customer_uuid) out = out.where('c.uuid', '=', f.customer_uuid);
  if (f.event_type?.length) out = out.where('e.event_type', 'in', f.event_type);
  if (f.created_from) out = out.where('e.created', '>=', new Date(f.created_from));
  if (f.created_to) out = out.where('e.created', '<', new Date(f.created_to));
  return out;
}
