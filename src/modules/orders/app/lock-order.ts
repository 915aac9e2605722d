import type { Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { OrdersTable, ResourcesTable } from '../../../platform/db/schema.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { OfferingType } from '../../offerings/domain/offering-type.js';
import { type ResourceState, resourceStateFromCode } from '../../resources/domain/resource-state.js';
import { type OrderState, orderStateFromCode } from '../domain/order-state.js';
import { type OrderType, orderTypeFromCode } from '../domain/order-type.js';

/** An order and its resource, row-locked for a read-then-write sequence. */
export interface LockedOrder {
  row: Selectable<OrdersTable>;
  state: OrderState;
  type: OrderType;
  offeringType: OfferingType;
  providerCustomerId: number;
  customerId: number;
  resource: Selectable<ResourcesTable>;
  resourceState: ResourceState;
}

/**
 * Locks the order, then its resource (always in that order, so two transitions never deadlock),
 * and returns their current rows. Everything that changes an order state starts here (G12).
 */
export async function lockOrder(tx: Tx, orderId: number): Promise<LockedOrder> {
  const row = await tx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('order');
  const resource = await tx
    .selectFrom('resources')
    .selectAll()
    .where('id', '=', row.resource_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const meta = await tx
    .selectFrom('offerings as f')
    .crossJoin('projects as p')
    .select(['f.type as offering_type', 'f.customer_id as provider_customer_id', 'p.customer_id'])
    .where('f.id', '=', row.offering_id)
    .where('p.id', '=', row.project_id)
    .executeTakeFirstOrThrow();
  return {
    row,
    state: orderStateFromCode(row.state),
    type: orderTypeFromCode(row.type),
    offeringType: meta.offering_type as OfferingType,
    providerCustomerId: meta.provider_customer_id,
    customerId: meta.customer_id,
    resource,
    resourceState: resourceStateFromCode(resource.state),
  };
}
