import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { orderable } from '../../marketplace/domain/orderable.js';
import { offeringStateFromCode } from '../../offerings/domain/offering-type.js';
import { resourcesInScope } from '../../resources/api.js';
import { insertOrder } from '../adapters/pg/order-repository.js';
import { fixedValidationError, projectExpiredError } from '../domain/errors.js';
import { BLOCKING_STATES, orderStateToCode } from '../domain/order-state.js';
import { type OrderType, orderTypeToCode } from '../domain/order-type.js';
import { type LockedOrder, lockOrder } from './lock-order.js';
import { isExpired } from './order-facts.js';
import { routeNewOrder } from './route-new-order.js';
import { today } from './routing.js';

/** An order a resource action creates (terminate, switch_plan, update_limits, restore, renew). */
export interface ResourceOrderInput {
  type: Exclude<OrderType, 'Create'>;
  attributes?: Record<string, unknown>;
  limits?: Record<string, number>;
  planId?: number | null;
  oldPlanId?: number | null;
  requestComment?: string;
  /** Why the action was taken: on the order's first events and transitions, as they are written. */
  reason?: string | undefined;
}

/**
 * `create_resource_order` + `validate_order` (orders spec §7.1, §8): blocked or archived organization,
 * unavailable offering and a live pending order are 400; non-TERMINATE orders also need an unexpired
 * project and an Active or Paused offering. The resource row is locked first, so two concurrent
 * order-creating actions on one resource serialise and the second sees the first's pending order.
 */
export async function createResourceOrder(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: ResourceOrderInput,
): Promise<LockedOrder> {
  const r = await resourcesInScope(tx)
    .select([
      'r.id',
      'r.offering_id',
      'r.project_id',
      'r.plan_id',
      'r.limits',
      'r.attributes',
      'f.state as offering_state',
      'f.slug as offering_slug',
    ])
    .select(['p.name as project_name', 'p.end_date', 'c.blocked', 'c.archived', 'c.slug as customer_slug'])
    .where('r.id', '=', resourceId)
    .forUpdate('r')
    .executeTakeFirstOrThrow();
  if (r.blocked) throw fixedValidationError('customer.blocked');
  if (r.archived) throw fixedValidationError('customer.archived');
  const refusal = orderable({
    orderType: input.type,
    offeringState: offeringStateFromCode(r.offering_state),
    projectExpired: isExpired(r.end_date),
  });
  if (refusal === 'offering_unavailable')
    throw new ValidationError('Offering is unavailable.', [], 'resource.offering_unavailable');
  if (refusal === 'project_expired') throw projectExpiredError(r.project_name);
  if (refusal) throw fixedValidationError('order.offering_not_orderable');
  const pending = await tx
    .selectFrom('orders')
    .select('id')
    .where('resource_id', '=', resourceId)
    .where('state', 'in', [...BLOCKING_STATES].map(orderStateToCode))
    .executeTakeFirst();
  if (pending) throw fixedValidationError('order.pending_order_exists');
  const orderId = await insertOrder(tx, {
    resource_id: r.id,
    offering_id: r.offering_id,
    project_id: r.project_id,
    type: orderTypeToCode(input.type),
    plan_id: input.planId === undefined ? r.plan_id : input.planId,
    old_plan_id: input.oldPlanId ?? null,
    attributes: input.attributes ?? {},
    limits: input.limits ?? r.limits,
    created_by: actor.id,
    request_comment: input.requestComment ?? '',
    slug: `${r.customer_slug}-${r.offering_slug}-${today()}`,
  });
  return routeNewOrder(tx, actor, await lockOrder(tx, orderId), input.reason ?? '');
}
