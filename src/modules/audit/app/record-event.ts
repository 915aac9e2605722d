import type { Tx } from '../../../platform/db/database.js';
import { type EventColumns, insertEvent, insertEvents } from '../adapters/pg/event-writes.js';

/** The objects an event is about; each filled id makes the event appear in that object's feed. */
export interface EventScopes {
  orderId?: number | null;
  resourceId?: number | null;
  projectId?: number | null;
  customerId?: number | null;
  offeringId?: number | null;
  providerCustomerId?: number | null;
  tenantId?: number | null;
}

/** One audit event. */
export interface NewEvent {
  type: string;
  message: string;
  level?: 'info' | 'warning' | 'error';
  actorId?: number | null;
  reason?: string;
  context?: Record<string, unknown>;
  scopes: EventScopes;
}

/**
 * Writes an event in the caller's transaction: it commits with the change it describes or not at
 * all (G5). Readers follow the table by id, so no separate outbox write is needed.
 */
export async function recordEvent(tx: Tx, e: NewEvent): Promise<void> {
  await insertEvent(tx, eventColumns(e));
}

/** Writes several events of one change in one statement (in this order), in the caller's transaction. */
export async function recordEvents(tx: Tx, events: readonly NewEvent[]): Promise<void> {
  await insertEvents(tx, events.map(eventColumns));
}

function eventColumns(e: NewEvent): EventColumns {
  return {
    event_type: e.type,
    message: e.message,
    level: e.level ?? 'info',
    actor_id: e.actorId ?? null,
    reason: e.reason ?? '',
    context: e.context ?? {},
    order_id: e.scopes.orderId ?? null,
    resource_id: e.scopes.resourceId ?? null,
    project_id: e.scopes.projectId ?? null,
    customer_id: e.scopes.customerId ?? null,
    offering_id: e.scopes.offeringId ?? null,
    provider_customer_id: e.scopes.providerCustomerId ?? null,
    tenant_id: e.scopes.tenantId ?? null,
  };
}
