import { hex } from '../../../platform/http/ids.js';
import type { EventRecord } from '../adapters/pg/event-queries.js';

/** An event as clients see it: in `GET /api/events/`, on the live stream and in webhook bodies. */
export interface EventView {
  id: number;
  uuid: string;
  event_type: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  created: string;
  actor_username: string | null;
  reason: string;
  context: Record<string, unknown>;
  order_uuid: string | null;
  resource_uuid: string | null;
  project_uuid: string | null;
  customer_uuid: string | null;
}

const hexOrNull = (v: string | null) => (v ? hex(v) : null);

/** Maps an event row (with the uuids of its objects) to its {@link EventView}. */
export function presentEvent(e: EventRecord): EventView {
  return {
    id: e.id,
    uuid: hex(e.uuid),
    event_type: e.event_type,
    level: e.level,
    message: e.message,
    created: e.created.toISOString(),
    actor_username: e.actor_username ?? null,
    reason: e.reason,
    context: e.context,
    order_uuid: hexOrNull(e.order_uuid),
    resource_uuid: hexOrNull(e.resource_uuid),
    project_uuid: hexOrNull(e.project_uuid),
    customer_uuid: hexOrNull(e.customer_uuid),
  };
}
