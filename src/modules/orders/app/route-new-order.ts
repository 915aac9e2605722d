import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { applyOrderEffect } from '../../resources/app/apply-order-effect.js';
import { resourceStateAfterOrderEvent } from '../../resources/domain/order-effects.js';
import { stateAtCreation } from '../domain/routing.js';
import { awaitConsumerReview } from './auto-approval.js';
import { skipsConsumerReview } from './consumer-review.js';
import { moveOrder } from './lifecycle.js';
import type { LockedOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';
import { startProcessing } from './processing-port.js';
import { dateFacts, needsProviderReview } from './routing.js';
import { queueStateCallback } from './state-callback.js';

/** The "requested" event of each order type, emitted once at creation (§17 b). */
const REQUESTED = {
  Create: ['marketplace_resource_create_requested', 'creation'],
  Restore: ['marketplace_resource_create_requested', 'restoration'],
  Update: ['marketplace_resource_update_requested', 'update'],
  Terminate: ['marketplace_resource_terminate_requested', 'termination'],
} as const;

/**
 * What every new order goes through, whatever created it (§4.2.1, §5.1, §17 b): the resource
 * reacts to the order's creation (Updating / Terminating at once), the "requested" event is written,
 * and the order is routed — consumer review skipped or not, project start, provider review — and
 * processing starts when it lands in EXECUTING. An order that needs consumer review gets the
 * project auto-approval rule (§5.5), else its consumer approvers are notified.
 */
export async function routeNewOrder(tx: Tx, actor: Actor, o: LockedOrder, reason = ''): Promise<LockedOrder> {
  const created = resourceStateAfterOrderEvent(o.type, 'created', {
    currentState: o.resourceState,
    hasBackendId: o.resource.backend_id !== '',
    forceDestroy: false,
    actorIsStaff: actor.isStaff,
  });
  if (created.kind === 'refused') throw created.error;
  if (created.kind === 'set' && created.to !== o.resourceState) {
    // Chained to the resource's history like every other transition (`previous_id`, G5).
    const resource = await applyOrderEffect(tx, {
      resourceId: o.resource.id,
      orderId: o.row.id,
      from: o.resourceState,
      to: created.to,
      action: `order.created.${o.type.toLowerCase()}`,
      actorId: actor.id,
      reason,
    });
    o = { ...o, resourceState: created.to, resource };
  }
  // The state the order is created in is its first change (Waldur posts on the creating save too).
  await queueStateCallback(tx, o, o.row, null, o.state);
  const [type, noun] = REQUESTED[o.type];
  await recordEvent(tx, {
    type,
    message: `Resource ${o.resource.name} ${noun} has been requested.`,
    actorId: actor.id,
    reason,
    context: {
      order_uuid: o.row.uuid,
      resource_uuid: o.resource.uuid,
      resource_name: o.resource.name,
      type: o.type,
    },
    scopes: orderScopes(o),
  });

  const skip = await skipsConsumerReview(
    tx,
    { id: actor.id, isStaff: actor.isStaff },
    {
      projectId: o.row.project_id,
      customerId: o.customerId,
      providerCustomerId: o.providerCustomerId,
      offeringShared: o.offeringShared,
      pluginOptions: o.offeringPluginOptions,
      isTerminate: o.type === 'Terminate',
      hasAttachment: false,
    },
  );
  if (!skip) return awaitConsumerReview(tx, o);
  const to = stateAtCreation(true, await needsProviderReview(tx, o, actor.id), dateFacts(o));
  o = await moveOrder(tx, o, {
    to,
    action: 'create',
    event: 'approved',
    actor,
    reason,
    trigger: 'auto_approval',
    set: { consumer_reviewed_by: actor.id, consumer_reviewed_at: new Date() },
  });
  return to === 'executing' ? startProcessing(tx, o, actor) : o;
}
