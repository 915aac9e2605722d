import { type Selectable, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
import { reusable } from '../../../../platform/db/reusable.js';
import type { UsersTable } from '../../../../platform/db/schema.js';
import type { ScopeType } from '../../domain/permissions.js';

/** A role grant with the names the API shows. */
export interface GrantView {
  uuid: string;
  created: Date;
  expiration_time: Date | null;
  role_name: string;
  role_uuid: string;
  scope_type: ScopeType;
  scope_uuid: string;
  scope_name: string;
  customer_uuid: string | null;
  user_uuid: string;
  user_username: string;
  user_full_name: string;
  user_email: string;
}

/** Live grants, joined with their role, user and scope (customer, project, offering or resource). */
function grants(tx: Db) {
  return tx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .leftJoin('customers as c', (j) =>
      j.onRef('c.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'customer'),
    )
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'project'))
    .leftJoin('customers as pc', 'pc.id', 'p.customer_id')
    .leftJoin('offerings as o', (j) =>
      j.onRef('o.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'offering'),
    )
    .leftJoin('customers as oc', 'oc.id', 'o.customer_id')
    .leftJoin('resources as rs', (j) =>
      j.onRef('rs.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'resource'),
    )
    .leftJoin('projects as rp', 'rp.id', 'rs.project_id')
    .leftJoin('customers as rc', 'rc.id', 'rp.customer_id')
    .select([
      'ur.uuid',
      'ur.created',
      'ur.expiration_time',
      'ur.scope_type',
      'r.name as role_name',
      'r.uuid as role_uuid',
      'u.uuid as user_uuid',
      'u.username as user_username',
      'u.email as user_email',
    ])
    .select(sql<string>`trim(u.first_name || ' ' || u.last_name)`.as('user_full_name'))
    .select(sql<string>`coalesce(c.uuid, p.uuid, o.uuid, rs.uuid)::text`.as('scope_uuid'))
    .select(sql<string>`coalesce(c.name, p.name, o.name, rs.name, '')`.as('scope_name'))
    .select(sql<string | null>`coalesce(c.uuid, pc.uuid, oc.uuid, rc.uuid)::text`.as('customer_uuid'))
    .where('ur.is_active', '=', ACTIVE)
    .where((eb) =>
      eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
    )
    .where((eb) => eb.or([eb('ur.scope_type', '!=', 'project'), eb('p.removed_at', 'is', null)]));
}

// `/api/users/me/` is on every page load: the user and its grants in one statement, compiled once.
const meQuery = reusable((db: Db, p: { userId: number }) =>
  db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      jsonArrayFrom(grants(db).where('ur.user_id', '=', eb.ref('users.id')).orderBy('ur.created')).as(
        'grant_rows',
      ),
    )
    .where('users.id', '=', p.userId),
);

/** The user with this id and its live grants (oldest first), in one round trip. */
export async function userWithGrants(
  tx: Tx,
  userId: number,
): Promise<{ user: Selectable<UsersTable>; grants: GrantView[] } | undefined> {
  const [row] = await meQuery(tx, { userId });
  if (!row) return undefined;
  const { grant_rows, ...user } = row;
  // Inside JSON the timestamps are text: back to Dates, as the two-query form returned them.
  const asGrants = grant_rows as unknown as (Omit<GrantView, 'created' | 'expiration_time'> & {
    created: string;
    expiration_time: string | null;
  })[];
  return {
    user,
    grants: asGrants.map((g) => ({
      ...g,
      created: new Date(g.created),
      expiration_time: g.expiration_time === null ? null : new Date(g.expiration_time),
    })),
  };
}

/** Filters for {@link grantsOnScope}. */
export interface ScopeGrantFilter {
  roles?: string[] | undefined;
  userUuid?: string | undefined;
}

/** Live grants on one scope, paged (for `list_users`). */
export function grantsOnScope(tx: Tx, type: ScopeType, scopeId: number, f: ScopeGrantFilter) {
  let q = grants(tx).where('ur.scope_type', '=', type).where('ur.scope_id', '=', scopeId);
  if (f.roles?.length) q = q.where('r.name', 'in', f.roles);
  if (f.userUuid) q = q.where('u.uuid', '=', f.userUuid);
  return q;
}

/** A role row by name. */
export function findRoleByName(tx: Tx, name: string) {
  return tx.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
}

/** A user row by uuid (any user: granting needs no visibility of the grantee, as in Waldur). */
export function findUserByUuid(tx: Tx, uuid: string) {
  return tx.selectFrom('users').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}
