import { sql } from 'kysely';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { reusable } from '../../../../platform/db/reusable.js';
import { grantedScopeIds } from '../../../identity/api.js';
import { Permission } from '../../../identity/domain/permissions.js';
import { type OrderRecord, orderRecords } from './order-query.js';

/**
 * The orders table with the joins filters may need, as LEFT JOINs on unique keys: PostgreSQL drops
 * every join a query does not reference, so a count or an id page touches only `orders` and the
 * indexes the filters use (measured: `npm run bench`, the 200k-order list scenario).
 */
export function orderBase(tx: Db) {
  return tx
    .selectFrom('orders as o')
    .leftJoin('resources as r', 'r.id', 'o.resource_id')
    .leftJoin('offerings as f', 'f.id', 'o.offering_id')
    .leftJoin('customers as pc', 'pc.id', 'f.customer_id')
    .leftJoin('projects as p', 'p.id', 'o.project_id')
    .leftJoin('customers as c', 'c.id', 'p.customer_id');
}

/** A filtered order query (before selection). */
export type OrderBase = ReturnType<typeof orderBase>;

/**
 * Orders `actor` may see (orders spec §6): staff and support all; others the orders of projects and
 * organizations where they hold ORDER.LIST, and provider-side orders of offerings whose organization
 * they hold any role in or that they manage (offering managers see their offerings' orders only).
 */
export function visibleOrders(tx: Db, actor: Actor): OrderBase {
  const q = orderBase(tx);
  if (actor.isStaff || actor.isSupport) return q;
  // Consumer side: a provider-side role on the organization (service provider manager) lists only
  // the provider's orders, as in Waldur where it is granted on the service provider.
  const listing = (type: 'project' | 'customer') =>
    grantedScopeIds(tx, actor.id, type, { permission: Permission.ORDER_LIST, consumer: true });
  const anyGrant = (type: 'customer' | 'offering') => grantedScopeIds(tx, actor.id, type);
  return q.where((eb) =>
    eb.or([
      eb('o.project_id', 'in', listing('project')),
      eb('p.customer_id', 'in', listing('customer')),
      eb('f.customer_id', 'in', anyGrant('customer')),
      eb('o.offering_id', 'in', anyGrant('offering')),
    ]),
  );
}

// The order record is on every order request: built and compiled once (`reusable`), run with an
// array parameter so one statement text serves any number of ids.
const recordsQuery = reusable((db: Db, p: { ids: number[] }) =>
  orderRecords(db).where(sql<boolean>`o.id = any(${p.ids})`),
);
// One id gets its own text: for `= any($1)` PostgreSQL keeps planning a custom plan (about 2 ms for
// this join) because its generic plan assumes a longer array.
const recordQuery = reusable((db: Db, p: { id: number }) => orderRecords(db).where('o.id', '=', p.id));
const visibleToAll = reusable((db: Db, p: { uuid: string }) => orderRecords(db).where('o.uuid', '=', p.uuid));
// The actor's id is the only actor fact a non-staff visibility query reads; the rest are unused.
const visibleToMember = reusable((db: Db, p: { uuid: string; userId: number }) =>
  orderRecords(db).where(
    'o.id',
    'in',
    visibleOrders(db, {
      id: p.userId,
      uuid: '',
      username: '',
      fullName: '',
      isStaff: false,
      isSupport: false,
    })
      .select('o.id')
      .where('o.uuid', '=', p.uuid),
  ),
);

/** Full records of the given order ids, in the order of `ids`. */
export async function recordsByIds(tx: Tx, ids: number[]): Promise<OrderRecord[]> {
  if (ids.length === 0) return [];
  const rows = ids.length === 1 ? await recordQuery(tx, { id: ids[0]! }) : await recordsQuery(tx, { ids });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id): OrderRecord[] => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}

/** One visible order by uuid, or undefined (one statement). */
export async function findVisibleOrder(tx: Tx, actor: Actor, uuid: string): Promise<OrderRecord | undefined> {
  const rows =
    actor.isStaff || actor.isSupport
      ? await visibleToAll(tx, { uuid })
      : await visibleToMember(tx, { uuid, userId: actor.id });
  return rows[0];
}
