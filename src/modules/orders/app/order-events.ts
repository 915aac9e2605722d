import type { Tx } from '../../../platform/db/database.js';
import { type EventScopes, type NewEvent, recordEvents } from '../../audit/app/record-event.js';
import { EventType } from '../../audit/domain/event-types.js';
import { notifyResourceOutcome } from '../../notifications/app/notify-resource.js';
import type { OrderEvent } from '../../resources/domain/order-effects.js';
import { orderActionVerb } from '../domain/action-verbs.js';
import type { OrderState } from '../domain/order-state.js';
import type { OrderType } from '../domain/order-type.js';
import type { LockedOrder } from './lock-order.js';

/** Order events by the state entered (orders spec §12.2 `ORDER_STATE_HANDLERS`). */
const ORDER_EVENTS: Partial<Record<OrderState, { type: string; verb: string; level: 'info' | 'error' }>> = {
  executing: { type: EventType.ORDER_APPROVED, verb: 'approved', level: 'info' },
  rejected: { type: EventType.ORDER_REJECTED, verb: 'rejected', level: 'info' },
  done: { type: EventType.ORDER_COMPLETED, verb: 'completed', level: 'info' },
  canceled: { type: EventType.ORDER_TERMINATED, verb: 'terminated', level: 'info' },
  erred: { type: EventType.ORDER_FAILED, verb: 'marked as failed', level: 'error' },
};

/** Resource event family per order type; RESTORE reuses the create events (§11.3, §17 b). */
const FAMILY: Record<OrderType, 'create' | 'update' | 'terminate'> = {
  Create: 'create',
  Restore: 'create',
  Update: 'update',
  Terminate: 'terminate',
};

/** Which outcome suffix an order event has for the resource (§11.3 callbacks, §7.14). */
const OUTCOME: Partial<Record<OrderEvent, 'succeeded' | 'failed' | 'canceled'>> = {
  done: 'succeeded',
  erred: 'failed',
  failed: 'failed',
  processing_failed: 'failed',
  no_processor: 'failed',
  timed_out: 'failed',
  canceled: 'canceled',
  callback_canceled: 'canceled',
};

/** The feeds an order event appears in. */
export function orderScopes(o: LockedOrder): EventScopes {
  return {
    orderId: o.row.id,
    resourceId: o.resource.id,
    projectId: o.row.project_id,
    customerId: o.customerId,
    offeringId: o.row.offering_id,
    providerCustomerId: o.providerCustomerId,
  };
}

/** Approvals that leave the order waiting (for the provider, a start date): Waldur records no event. */
const REVIEWS: ReadonlySet<string> = new Set(['approve_by_consumer', 'approve_by_provider']);

/**
 * Writes the Waldur order event and resource outcome event of one transition. Each carries the
 * action and Orderly's verb for it in `context` (a retry is Waldur's "approved" event, a cancel its
 * "terminated" one), besides the actor and the reason.
 */
export async function emitTransitionEvents(
  tx: Tx,
  o: LockedOrder,
  to: OrderState,
  event: OrderEvent,
  actorId: number | null,
  reason: string,
  errorMessage: string,
  action = '',
): Promise<void> {
  const name = o.resource.name;
  const context = {
    order_uuid: o.row.uuid,
    resource_uuid: o.resource.uuid,
    type: o.type,
    resource_name: name,
    ...(action ? { action, verb: orderActionVerb(action, to) } : {}),
  };
  // One statement for the transition's events (order event, resource outcome), in this order.
  const events: NewEvent[] = [];
  const oe = ORDER_EVENTS[to];
  if (!oe && to !== o.state && REVIEWS.has(action)) {
    events.push({
      type: EventType.ORDER_REVIEW_APPROVED,
      message: `Marketplace order for resource ${name} has been ${orderActionVerb(action, to)}. Type: ${o.type}`,
      actorId,
      reason,
      context: { ...context, from_state: o.state, to_state: to },
      scopes: orderScopes(o),
    });
  }
  if (oe && to !== o.state) {
    events.push({
      type: oe.type,
      level: oe.level,
      message: `Marketplace order for resource ${name} has been ${oe.verb}. Type: ${o.type}`,
      actorId,
      reason,
      context: { ...context, from_state: o.state, to_state: to },
      scopes: orderScopes(o),
    });
  }
  const outcome = OUTCOME[event];
  if (!outcome) {
    await recordEvents(tx, events);
    return;
  }
  const family = FAMILY[o.type];
  const detail = outcome === 'failed' && errorMessage ? `: ${errorMessage}` : '';
  events.push({
    type: `marketplace_resource_${family}_${outcome}`,
    level: outcome === 'failed' ? 'error' : 'info',
    message: `Resource ${name} ${family} ${outcome === 'succeeded' ? 'has succeeded' : `has ${outcome === 'failed' ? 'failed' : 'been canceled'}`}${detail}`,
    actorId,
    reason,
    context,
    scopes: orderScopes(o),
  });
  await recordEvents(tx, events);
  // Waldur e-mails the project about the outcome (notify_about_resource_change), in this transaction.
  await notifyResourceOutcome(tx, o.resource.id, o.row.id, { family, outcome, error: errorMessage });
}
