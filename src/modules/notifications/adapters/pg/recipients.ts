import { type Expression, sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
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

/** A scope a grant is held on; `id` may be a column of an outer query. */
export interface HolderScope {
  type: Scope['type'];
  id: number | Expression<number>;
  /** An organization checked as the consumer (its projects' side): provider-side roles do not count. */
  consumer?: boolean | undefined;
}

/**
 * Active users holding `permission` through a live grant on any of `scopes` (plus `extraUserIds`
 * when active), each once, in id order. Staff are not added: they pass every check but are not the
 * organizations' approvers (Waldur mails them only with NOTIFY_STAFF_ABOUT_APPROVALS).
 */
export async function usersHolding(
  tx: Tx,
  permission: string,
  scopes: readonly HolderScope[],
  extraUserIds: readonly number[] = [],
): Promise<Recipient[]> {
  if (scopes.length === 0 && extraUserIds.length === 0) return [];
  return holdersQuery(tx, permission, scopes, extraUserIds).execute();
}

/** The query of {@link usersHolding}, to run alone or inside another (`jsonArrayFrom`). */
export function holdersQuery(
  db: Db,
  permission: string,
  scopes: readonly HolderScope[],
  extraUserIds: readonly number[] = [],
) {
  return db
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
                  .where('ur.is_active', '=', ACTIVE)
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
                          ...(s.consumer ? [w('ur.role_id', 'not in', providerSideRoleIds(db))] : []),
                        ]),
                      ),
                    ),
                  ),
              ),
            ]
          : []),
      ]),
    )
    .orderBy('u.id');
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
  const r = await orderSummaryQuery(tx).where('o.id', '=', orderId).executeTakeFirst();
  return r && orderSummaryOf(r);
}

/** The select of {@link loadOrderSummary} (orders `o`, resource `r`, offering `f`, project `p`, organization `c`). */
export function orderSummaryQuery(db: Db) {
  return ordersInScope(db)
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
    .select(['cb.username', 'cb.first_name', 'cb.last_name']);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof orderSummaryQuery>['executeTakeFirstOrThrow']>>;

/** A row of {@link orderSummaryQuery} as the e-mails' summary and the recipients' ids. */
export function orderSummaryOf(r: SummaryRow): { summary: OrderSummary; ids: OrderScopesIds } {
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
