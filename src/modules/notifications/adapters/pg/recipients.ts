import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { providerSideRoleIds } from '../../../identity/api.js';
import type { Scope } from '../../../identity/app/access.js';
import { ordersInScope } from '../../../orders/api.js';
import { orderTypeFromCode } from '../../../orders/domain/order-type.js';
import type { OrderSummary } from '../../domain/messages.js';

/** A person an e-mail goes to. */
export interface Recipient {
  id: number;
  email: string;
}

/**
 * Active users holding `permission` through a live grant on any of `scopes` (plus `extraUserIds`
 * when active), each once, in id order. Staff are not added: they pass every check but are not the
 * organizations' approvers (Waldur mails them only with NOTIFY_STAFF_ABOUT_APPROVALS).
 */
export async function usersHolding(
  tx: Tx,
  permission: string,
  scopes: readonly Scope[],
  extraUserIds: readonly number[] = [],
): Promise<Recipient[]> {
  if (scopes.length === 0 && extraUserIds.length === 0) return [];
  return tx
    .selectFrom('users as u')
    .select(['u.id', 'u.email'])
    .where('u.is_active', '=', true)
    .where((eb) =>
      eb.or([
        ...(extraUserIds.length ? [eb('u.id', 'in', extraUserIds)] : []),
        ...(scopes.length
          ? [
              eb(
                'u.id',
                'in',
                eb
                  .selectFrom('user_roles as ur')
                  .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
                  .select('ur.user_id')
                  .where('rp.permission', '=', permission)
                  .where('ur.is_active', '=', true)
                  .where((w) =>
                    w.or([
                      w('ur.expiration_time', 'is', null),
                      w('ur.expiration_time', '>', sql<Date>`now()`),
                    ]),
                  )
                  .where((w) =>
                    w.or(
                      scopes.map((s) =>
                        w.and([
                          w('ur.scope_type', '=', s.type),
                          w('ur.scope_id', '=', s.id),
                          // The consumer side of an organization ignores its provider-side roles.
                          ...(s.consumer ? [w('ur.role_id', 'not in', providerSideRoleIds(tx))] : []),
                        ]),
                      ),
                    ),
                  ),
              ),
            ]
          : []),
      ]),
    )
    .orderBy('u.id')
    .execute();
}

/** The ids an order's permission scopes point at. */
export interface OrderScopesIds {
  projectId: number;
  customerId: number;
  providerCustomerId: number;
  offeringId: number;
  createdBy: number | null;
}

/** The order as its e-mails describe it, and the ids its recipients are found by. */
export async function loadOrderSummary(
  tx: Tx,
  orderId: number,
): Promise<{ summary: OrderSummary; ids: OrderScopesIds } | undefined> {
  const r = await ordersInScope(tx)
    .innerJoin('customers as pc', 'pc.id', 'f.customer_id')
    .leftJoin('users as cb', 'cb.id', 'o.created_by')
    .select(['o.uuid', 'o.type', 'o.cost', 'o.created_by', 'o.offering_id', 'r.name as resource_name'])
    .select(['f.name as offering_name', 'pc.name as provider_name', 'f.customer_id as provider_customer_id'])
    .select([
      'p.id as project_id',
      'p.name as project_name',
      'c.id as customer_id',
      'c.name as customer_name',
    ])
    .select(['cb.username', 'cb.first_name', 'cb.last_name'])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (!r) return undefined;
  const fullName = `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim();
  return {
    summary: {
      uuid: r.uuid.replace(/-/g, ''),
      type: orderTypeFromCode(r.type),
      resourceName: r.resource_name,
      offeringName: r.offering_name,
      providerName: r.provider_name,
      projectName: r.project_name,
      customerName: r.customer_name,
      createdBy: fullName || (r.username ?? ''),
      cost: r.cost,
    },
    ids: {
      projectId: r.project_id,
      customerId: r.customer_id,
      providerCustomerId: r.provider_customer_id,
      offeringId: r.offering_id,
      createdBy: r.created_by,
    },
  };
}
