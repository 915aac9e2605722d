import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import { reusable } from '../../../platform/db/reusable.js';
import type { OfferingsTable, OrdersTable, ResourcesTable } from '../../../platform/db/schema.js';
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
  /** The offering's options as read with the lock (routing and processors decide by them). */
  offeringPluginOptions: Selectable<OfferingsTable>['plugin_options'];
  /** Whether the offering is shared (consumer review rules, §5.1). */
  offeringShared: boolean;
  /** The project's start date (routing, §5.3). */
  projectStartDate: string | null;
}

// Every order transition starts with these two statements: compiled once (`reusable`).
const lockedOrderRow = reusable((db: Db, p: { id: number }) =>
  db
    .selectFrom('orders as o')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .innerJoin('projects as p', 'p.id', 'o.project_id')
    .selectAll('o')
    .select([
      'f.type as meta_offering_type',
      'f.customer_id as meta_provider_customer_id',
      'f.plugin_options as meta_plugin_options',
      'f.shared as meta_offering_shared',
      'p.customer_id as meta_customer_id',
      'p.start_date as meta_project_start_date',
    ])
    .where('o.id', '=', p.id)
    .forUpdate('o'),
);
const lockedResourceRow = reusable((db: Db, p: { id: number }) =>
  db.selectFrom('resources').selectAll().where('id', '=', p.id).forUpdate(),
);

/**
 * Locks the order (reading its offering's and project's facts with it), then its resource (always
 * in that order, so two transitions never deadlock), and returns their current rows. Everything
 * that changes an order state starts here (G12).
 */
export async function lockOrder(tx: Tx, orderId: number): Promise<LockedOrder> {
  const [found] = await lockedOrderRow(tx, { id: orderId });
  if (!found) throw new NotFoundError('order');
  const {
    meta_offering_type,
    meta_provider_customer_id,
    meta_plugin_options,
    meta_offering_shared,
    meta_customer_id,
    meta_project_start_date,
    ...row
  } = found;
  const [resource] = await lockedResourceRow(tx, { id: row.resource_id });
  if (!resource) throw new NotFoundError('resource');
  return {
    row,
    state: orderStateFromCode(row.state),
    type: orderTypeFromCode(row.type),
    offeringType: meta_offering_type as OfferingType,
    providerCustomerId: meta_provider_customer_id,
    customerId: meta_customer_id,
    resource,
    resourceState: resourceStateFromCode(resource.state),
    offeringPluginOptions: meta_plugin_options,
    offeringShared: meta_offering_shared,
    projectStartDate: meta_project_start_date,
  };
}
