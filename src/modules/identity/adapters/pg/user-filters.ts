import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { liveGrant } from './access-queries.js';
import { escapeLike } from './customer-repository.js';
import { visibleUsers } from './user-repository.js';

/** The filters of `GET /api/users/` (Waldur's). */
export interface UserFilters {
  username?: string | undefined;
  email?: string | undefined;
  is_staff?: boolean | undefined;
  is_active?: boolean | undefined;
  customer_uuid?: string | undefined;
  project_uuid?: string | undefined;
}

/** The users this actor sees, narrowed by the list filters. */
export function filterUsers(tx: Tx, actor: Actor, f: UserFilters) {
  let q = visibleUsers(tx, actor);
  if (f.username) q = q.where('users.username', '=', f.username);
  if (f.email) q = q.where('users.email', 'ilike', escapeLike(f.email));
  if (f.is_staff !== undefined) q = q.where('users.is_staff', '=', f.is_staff);
  if (f.is_active !== undefined) q = q.where('users.is_active', '=', f.is_active);
  if (f.customer_uuid) q = q.where('users.id', 'in', usersInScope(tx, 'customer', f.customer_uuid));
  if (f.project_uuid) q = q.where('users.id', 'in', usersInScope(tx, 'project', f.project_uuid));
  return q;
}

/** One page of a filtered user list, by username. */
export function userPage(q: ReturnType<typeof filterUsers>, limit: number, offset: number) {
  return q.selectAll('users').orderBy('users.username').limit(limit).offset(offset).execute();
}

/** Subquery: users holding a live grant on the customer or project with this uuid. */
function usersInScope(tx: Tx, type: 'customer' | 'project', uuid: string) {
  const grants = tx
    .selectFrom('user_roles')
    .select('user_roles.user_id')
    .where('user_roles.scope_type', '=', type)
    .where(liveGrant);
  return type === 'customer'
    ? grants.where(
        'user_roles.scope_id',
        'in',
        tx.selectFrom('customers').select('id').where('uuid', '=', uuid),
      )
    : grants.where(
        'user_roles.scope_id',
        'in',
        tx.selectFrom('projects').select('id').where('uuid', '=', uuid),
      );
}
