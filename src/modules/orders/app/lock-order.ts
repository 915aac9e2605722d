import { type Selectable, sql } from 'kysely';
import { everyColumnOf } from '../../../platform/db/column-lists.js';
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

/** Every column of `resources`: the locked resource is read beside its order, each as `res__<column>`. */
const RESOURCE_COLUMNS = everyColumnOf<ResourcesTable>()([
  'id',
  'uuid',
  'offering_id',
  'project_id',
  'plan_id',
  'name',
  'slug',
  'description',
  'state',
  'backend_id',
  'effective_id',
  'attributes',
  'limits',
  'options',
  'backend_metadata',
  'current_usages',
  'endpoints',
  'end_date',
  'error_message',
  'error_traceback',
  'last_sync',
  'paused',
  'downscaled',
  'restrict_member_access',
  'cost',
  'created',
  'modified',
]);
const RES = 'res__';

// Every order transition starts with this statement: compiled once (`reusable`). It locks the
// order, then its resource (FOR UPDATE OF o, r: PostgreSQL takes the row locks in that order), so
// two transitions never deadlock (G12).
const lockedRows = reusable((db: Db, p: { id: number }) =>
  db
    .selectFrom('orders as o')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .innerJoin('projects as p', 'p.id', 'o.project_id')
    .innerJoin('resources as r', 'r.id', 'o.resource_id')
    .selectAll('o')
    .select([
      'f.type as meta_offering_type',
      'f.customer_id as meta_provider_customer_id',
      'f.plugin_options as meta_plugin_options',
      'f.shared as meta_offering_shared',
      'p.customer_id as meta_customer_id',
      'p.start_date as meta_project_start_date',
    ])
    .select(RESOURCE_COLUMNS.map((c) => sql.ref(`r.${c}`).as(`${RES}${c}`)))
    .where('o.id', '=', p.id)
    .forUpdate(['o', 'r']),
);

/**
 * Locks the order (reading its offering's and project's facts with it), then its resource (always
 * in that order, so two transitions never deadlock), and returns their current rows. Everything
 * that changes an order state starts here (G12).
 */
export async function lockOrder(tx: Tx, orderId: number): Promise<LockedOrder> {
  const [found] = await lockedRows(tx, { id: orderId });
  if (!found) throw new NotFoundError('order');
  const {
    meta_offering_type,
    meta_provider_customer_id,
    meta_plugin_options,
    meta_offering_shared,
    meta_customer_id,
    meta_project_start_date,
    ...columns
  } = found;
  const { row, resource } = splitRows(columns);
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

/** The order's columns and the resource's (`res__…`) of one locked row, as their table rows. */
function splitRows(columns: Record<string, unknown>) {
  const row: Record<string, unknown> = {};
  const resource: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(columns)) {
    if (k.startsWith(RES)) resource[k.slice(RES.length)] = v;
    else row[k] = v;
  }
  // Exactly the columns `selectAll('o')` and RESOURCE_COLUMNS (checked complete above) read.
  return { row: row as Selectable<OrdersTable>, resource: resource as Selectable<ResourcesTable> };
}
