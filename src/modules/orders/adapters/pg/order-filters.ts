import { sql } from 'kysely';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
import { normalizeUuid } from '../../../../platform/http/ids.js';
import { escapeLike, grantedScopeIds } from '../../../identity/api.js';
import { Permission } from '../../../identity/domain/permissions.js';
import { isOrderState, ORDER_STATE_CODES, orderStateToCode } from '../../domain/order-state.js';
import { isOrderType, orderTypeToCode } from '../../domain/order-type.js';
import { type OrderBase, offeringsOf, projectsOf } from './order-visibility.js';

type OrderQuery = OrderBase;

/** Parsed filters of the order list (orders spec §14.2). */
export interface OrderFilter {
  offering_uuid?: string[] | undefined;
  offering?: string | undefined;
  offering_type?: string[] | undefined;
  offering_slug?: string[] | undefined;
  project_uuid?: string | undefined;
  customer_uuid?: string | undefined;
  provider_uuid?: string | undefined;
  service_manager_uuid?: string | undefined;
  resource_uuid?: string | undefined;
  resource?: string | undefined;
  resource_name?: string | undefined;
  category_uuid?: string | undefined;
  state?: string[] | undefined;
  type?: string[] | undefined;
  slug?: string | undefined;
  query?: string | undefined;
  created?: string | undefined;
  created_before?: string | undefined;
  modified?: string | undefined;
  modified_before?: string | undefined;
  can_approve_as_consumer?: boolean | undefined;
  can_approve_as_provider?: boolean | undefined;
  was_auto_approved?: boolean | undefined;
}

const lastPathUuid = (url: string) => normalizeUuid(url.replace(/\/+$/, '').split('/').pop() ?? '');

/** Ids of the offerings whose `column` is one of `values` (a subquery for `o.offering_id`). */
function offeringsWhere(tx: Tx, column: 'type' | 'slug', values: string[]) {
  return tx.selectFrom('offerings').select('id').where(column, 'in', values);
}

/** Applies every filter; unknown state and type labels are dropped (Waldur's mapped filters). */
export function filterOrders(tx: Tx, q: OrderQuery, actor: Actor, f: OrderFilter): OrderQuery {
  const offeringIds = [
    ...(f.offering_uuid ?? []),
    ...(f.offering ? [lastPathUuid(f.offering) ?? '00000000-0000-0000-0000-000000000000'] : []),
  ];
  // Id filters go through subqueries on the referenced table, so the orders indexes on
  // (offering_id, …) and (project_id, …) drive the scan instead of a join on every row. One uuid is
  // a scalar subquery (`= (SELECT …)`): with `IN (SELECT …)` PostgreSQL counted a busy offering's
  // orders by a bitmap scan of all of them (25 ms at 224k orders) instead of the (offering_id,
  // state) index alone (2 ms).
  if (offeringIds.length === 1)
    q = q.where(
      'o.offering_id',
      '=',
      tx.selectFrom('offerings').select('id').where('uuid', '=', offeringIds[0]!),
    );
  else if (offeringIds.length)
    q = q.where(
      'o.offering_id',
      'in',
      tx.selectFrom('offerings').select('id').where('uuid', 'in', offeringIds),
    );
  if (f.offering_type?.length)
    q = q.where('o.offering_id', 'in', offeringsWhere(tx, 'type', f.offering_type));
  if (f.offering_slug?.length)
    q = q.where('o.offering_id', 'in', offeringsWhere(tx, 'slug', f.offering_slug));
  if (f.project_uuid)
    q = q.where(
      'o.project_id',
      '=',
      tx.selectFrom('projects').select('id').where('uuid', '=', f.project_uuid),
    );
  if (f.customer_uuid)
    q = q.where(
      'o.project_id',
      'in',
      tx
        .selectFrom('projects as fp')
        .innerJoin('customers as fc', 'fc.id', 'fp.customer_id')
        .select('fp.id')
        .where('fc.uuid', '=', f.customer_uuid),
    );
  if (f.provider_uuid) {
    q = q.where(
      'o.offering_id',
      'in',
      tx
        .selectFrom('offerings as pf')
        .innerJoin('customers as pcu', 'pcu.id', 'pf.customer_id')
        .select('pf.id')
        .where('pcu.uuid', '=', f.provider_uuid),
    );
  }
  if (f.category_uuid)
    q = q.where(
      'o.offering_id',
      'in',
      tx
        .selectFrom('offerings as cf')
        .innerJoin('offering_categories as cat', 'cat.id', 'cf.category_id')
        .select('cf.id')
        .where('cat.uuid', '=', f.category_uuid),
    );
  if (f.service_manager_uuid) {
    q = q.where(
      'o.offering_id',
      'in',
      tx
        .selectFrom('user_roles as ur')
        .innerJoin('users as u', 'u.id', 'ur.user_id')
        .select('ur.scope_id')
        .where('ur.scope_type', '=', 'offering')
        .where('ur.is_active', '=', ACTIVE)
        .where('u.uuid', '=', f.service_manager_uuid),
    );
  }
  const resourceUuid = f.resource_uuid ?? (f.resource ? lastPathUuid(f.resource) : undefined);
  if (f.resource_uuid || f.resource)
    q = q.where(
      'o.resource_id',
      '=',
      tx
        .selectFrom('resources')
        .select('id')
        .where('uuid', '=', resourceUuid ?? '00000000-0000-0000-0000-000000000000'),
    );
  if (f.resource_name)
    q = q.where(
      'o.resource_id',
      'in',
      tx
        .selectFrom('resources')
        .select('id')
        .where('name', 'ilike', `%${escapeLike(f.resource_name)}%`),
    );
  const states = (f.state ?? []).filter(isOrderState).map(orderStateToCode);
  if (states.length) q = q.where('o.state', 'in', states);
  const types = (f.type ?? []).filter(isOrderType).map(orderTypeToCode);
  if (types.length) q = q.where('o.type', 'in', types);
  if (f.slug) q = q.where('o.slug', '=', f.slug);
  if (f.created) q = q.where('o.created', '>=', new Date(f.created));
  if (f.created_before) q = q.where('o.created', '<', new Date(f.created_before));
  if (f.modified) q = q.where('o.modified', '>=', new Date(f.modified));
  if (f.modified_before) q = q.where('o.modified', '<', new Date(f.modified_before));
  if (f.was_auto_approved !== undefined) {
    // Same rule as the `auto_approved` field: the snapshot outlives a deleted rule.
    q = f.was_auto_approved
      ? q.where((eb) =>
          eb.or([
            eb('o.auto_approved_cost_limit_snapshot', 'is not', null),
            eb('o.auto_approved_by_rule_id', 'is not', null),
          ]),
        )
      : q
          .where('o.auto_approved_cost_limit_snapshot', 'is', null)
          .where('o.auto_approved_by_rule_id', 'is', null);
  }
  if (f.query) {
    const id = normalizeUuid(f.query.trim());
    const like = `%${escapeLike(f.query.trim())}%`;
    q = id
      ? q.where('o.uuid', '=', id)
      : q.where((eb) =>
          eb.or([
            eb('o.project_id', 'in', tx.selectFrom('projects').select('id').where('name', 'ilike', like)),
            eb(sql<string>`o.attributes->>'name'`, 'ilike', like),
            eb('o.slug', 'ilike', like),
          ]),
        );
  }
  if (f.can_approve_as_consumer) {
    q = q.where('o.state', '=', ORDER_STATE_CODES['pending-consumer']);
    if (!actor.isStaff) {
      q = q.where((eb) =>
        eb.or([
          eb(
            'o.project_id',
            'in',
            grantedScopeIds(tx, actor.id, 'project', { permission: Permission.ORDER_APPROVE }),
          ),
          eb(
            'o.project_id',
            'in',
            projectsOf(
              tx,
              grantedScopeIds(tx, actor.id, 'customer', {
                permission: Permission.ORDER_APPROVE,
                consumer: true,
              }),
            ),
          ),
        ]),
      );
    }
  }
  if (f.can_approve_as_provider) {
    q = q.where('o.state', '=', ORDER_STATE_CODES['pending-provider']);
    // The offering and its organization count, as for approve_by_provider itself (§7.6, §9.3, §14.2).
    if (!actor.isStaff) {
      q = q.where((eb) =>
        eb.or([
          eb(
            'o.offering_id',
            'in',
            offeringsOf(
              tx,
              grantedScopeIds(tx, actor.id, 'customer', { permission: Permission.ORDER_APPROVE }),
            ),
          ),
          eb(
            'o.offering_id',
            'in',
            grantedScopeIds(tx, actor.id, 'offering', { permission: Permission.ORDER_APPROVE }),
          ),
        ]),
      );
    }
  }
  return q;
}

/** `o=` ordering (±created, consumer_reviewed_at, cost, state); default oldest first, then id. */
export function orderOrders(q: OrderQuery, o: string[] | undefined): OrderQuery {
  for (const key of o ?? []) {
    const desc = key.startsWith('-');
    const col = key.replace(/^-/, '') as 'created' | 'consumer_reviewed_at' | 'cost' | 'state';
    q = q.orderBy(`o.${col}`, desc ? 'desc' : 'asc');
  }
  return q.orderBy('o.created', 'asc').orderBy('o.id', 'asc');
}
