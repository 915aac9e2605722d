import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { type OrderState, orderStateFromCode } from '../../../orders/domain/order-state.js';
import { resourceRecords } from '../../../resources/api.js';
import { visibleTenants } from './tenant-query.js';

/** The state of a tenant's creation order (read only: the orders module owns the row). */
export async function creationOrderState(tx: Tx, orderId: number): Promise<OrderState> {
  const order = await tx
    .selectFrom('orders')
    .select('state')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  return orderStateFromCode(order.state);
}

/** The internal id of the tenant with this uuid, if any (no visibility: staff-only callers). */
export async function tenantIdByUuid(tx: Tx, uuid: string): Promise<number | undefined> {
  return (await tx.selectFrom('tenants').select('id').where('uuid', '=', uuid).executeTakeFirst())?.id;
}

/** The visible tenant with this uuid, if any. */
export function findVisibleTenant(tx: Tx, actor: Actor, uuid: string) {
  return visibleTenants(tx, actor).where('t.uuid', '=', uuid).executeTakeFirst();
}

/** The resource record of a tenant (every tenant has one). */
export function tenantResource(tx: Tx, resourceId: number) {
  return resourceRecords(tx).where('r.id', '=', resourceId).executeTakeFirstOrThrow();
}
