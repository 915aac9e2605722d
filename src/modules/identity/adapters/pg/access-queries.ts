import { type ExpressionBuilder, type QueryCreator, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
import type { DB } from '../../../../platform/db/schema.js';
import { PROVIDER_SIDE_ROLES, type ScopeType } from '../../domain/permissions.js';

/** A scope a permission is checked on: an organization, a project or an offering. */
export interface Scope {
  type: ScopeType;
  id: number;
  /** An organization checked as the consumer (its projects' side): provider-side roles do not count. */
  consumer?: boolean;
}

/** The consumer side of organization `id` (see {@link PROVIDER_SIDE_ROLES}). */
export function consumerCustomer(id: number): Scope {
  return { type: 'customer', id, consumer: true };
}

/** Subquery: ids of the roles that act only on the provider side of an organization. */
export function providerSideRoleIds(qc: QueryCreator<DB>) {
  return qc
    .selectFrom('roles')
    .select('roles.id')
    .where('roles.name', 'in', [...PROVIDER_SIDE_ROLES]);
}

/** A grant counts while it is active and not expired. */
export function liveGrant(eb: ExpressionBuilder<DB, 'user_roles'>) {
  return eb.and([
    eb('user_roles.is_active', '=', ACTIVE),
    eb.or([
      eb('user_roles.expiration_time', 'is', null),
      eb('user_roles.expiration_time', '>', sql<Date>`now()`),
    ]),
  ]);
}

/**
 * One indexed query: does `userId` hold `permission` through a live grant on any of `scopes`?
 * (Staff are handled by the caller and never reach the database.)
 */
export async function holdsPermission(tx: Tx, userId: number, permission: string, scopes: Scope[]) {
  if (scopes.length === 0) return false;
  const row = await tx
    .selectFrom('user_roles')
    .innerJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
    .select(sql<number>`1`.as('one'))
    .where('user_roles.user_id', '=', userId)
    .where('role_permissions.permission', '=', permission)
    .where(liveGrant)
    .where((eb) =>
      eb.or(
        scopes.map((s) => {
          const at = [eb('user_roles.scope_type', '=', s.type), eb('user_roles.scope_id', '=', s.id)];
          if (s.consumer) at.push(eb('user_roles.role_id', 'not in', providerSideRoleIds(tx)));
          return eb.and(at);
        }),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which grants {@link grantedScopeIds} counts: only roles carrying `permission`; `consumer`: no provider-side roles. */
export interface GrantFilter {
  permission?: string;
  consumer?: boolean;
}

/** Subquery: ids of `type` scopes where the user holds a live grant (any role, unless `only` narrows it). */
export function grantedScopeIds(
  qc: QueryCreator<DB>,
  userId: number,
  type: ScopeType,
  only: GrantFilter = {},
) {
  let q = qc
    .selectFrom('user_roles')
    .select('user_roles.scope_id')
    .where('user_roles.user_id', '=', userId)
    .where('user_roles.scope_type', '=', type)
    .where(liveGrant);
  const { permission } = only;
  if (permission)
    q = q.where('user_roles.role_id', 'in', (eb) =>
      eb
        .selectFrom('role_permissions')
        .select('role_permissions.role_id')
        .where('role_permissions.permission', '=', permission),
    );
  if (only.consumer) q = q.where('user_roles.role_id', 'not in', providerSideRoleIds(qc));
  return q;
}

/**
 * Subquery: ids of organizations the user reaches through any grant (its own, its projects', and
 * the provider organizations of the offerings it manages).
 */
export function reachableCustomerIds(qc: QueryCreator<DB>, userId: number) {
  return qc
    .selectFrom('user_roles')
    .leftJoin('projects', (j) =>
      j.onRef('projects.id', '=', 'user_roles.scope_id').on('user_roles.scope_type', '=', 'project'),
    )
    .leftJoin('offerings', (j) =>
      j.onRef('offerings.id', '=', 'user_roles.scope_id').on('user_roles.scope_type', '=', 'offering'),
    )
    .select(
      sql<number>`CASE user_roles.scope_type WHEN 'customer' THEN user_roles.scope_id WHEN 'project' THEN projects.customer_id ELSE offerings.customer_id END`.as(
        'customer_id',
      ),
    )
    .where('user_roles.user_id', '=', userId)
    .where('user_roles.scope_type', 'in', ['customer', 'project', 'offering'])
    .where(liveGrant);
}
