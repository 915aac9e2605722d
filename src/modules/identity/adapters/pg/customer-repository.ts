import type { Selectable } from 'kysely';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import type { CustomersTable } from '../../../../platform/db/schema.js';
import { liveGrant, reachableCustomerIds } from './access-queries.js';

/** A customer (organization) row. */
export type CustomerRow = Selectable<CustomersTable>;

/** Organizations `actor` may see: staff and support all; others those they hold a role in or under. */
export function visibleCustomers(tx: Tx, actor: Actor) {
  const q = tx.selectFrom('customers');
  if (actor.isStaff || actor.isSupport) return q;
  return q.where((eb) => eb('customers.id', 'in', reachableCustomerIds(tx, actor.id)));
}

/** One visible organization by uuid. */
export function findVisibleCustomer(tx: Tx, actor: Actor, uuid: string): Promise<CustomerRow | undefined> {
  return visibleCustomers(tx, actor)
    .selectAll('customers')
    .where('customers.uuid', '=', uuid)
    .executeTakeFirst();
}

/** List filters of `GET /api/customers/`. */
export interface CustomerFilter {
  name?: string | undefined;
  slug?: string | undefined;
  user_uuid?: string | undefined;
  owned_by_current_user?: boolean | undefined;
  organization_group_uuid?: string[] | undefined;
  organization_group_name?: string | undefined;
}

/** Visible organizations matching the filters. */
export function filterCustomers(tx: Tx, actor: Actor, f: CustomerFilter) {
  let q = visibleCustomers(tx, actor);
  if (f.name) q = q.where('customers.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.slug) q = q.where('customers.slug', '=', f.slug);
  if (f.organization_group_uuid?.length || f.organization_group_name) {
    const { organization_group_uuid: uuids, organization_group_name: name } = f;
    q = q.where((eb) => {
      let members = eb
        .selectFrom('customer_organization_groups as m')
        .innerJoin('organization_groups as g', 'g.id', 'm.group_id')
        .select('m.customer_id');
      if (uuids?.length) members = members.where('g.uuid', 'in', uuids);
      if (name) members = members.where('g.name', 'ilike', `%${escapeLike(name)}%`);
      return eb('customers.id', 'in', members);
    });
  }
  if (f.user_uuid) {
    const userUuid = f.user_uuid;
    q = q.where((eb) =>
      eb(
        'customers.id',
        'in',
        eb
          .selectFrom('user_roles')
          .innerJoin('users', 'users.id', 'user_roles.user_id')
          .select('user_roles.scope_id')
          .where('users.uuid', '=', userUuid)
          .where('user_roles.scope_type', '=', 'customer')
          .where(liveGrant),
      ),
    );
  }
  if (f.owned_by_current_user) {
    q = q.where((eb) =>
      eb(
        'customers.id',
        'in',
        eb
          .selectFrom('user_roles')
          .innerJoin('roles', 'roles.id', 'user_roles.role_id')
          .select('user_roles.scope_id')
          .where('user_roles.user_id', '=', actor.id)
          .where('user_roles.scope_type', '=', 'customer')
          .where('roles.name', '=', 'CUSTOMER.OWNER')
          .where(liveGrant),
      ),
    );
  }
  return q;
}

/** Escapes `%` and `_` for ILIKE. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
