import type { QueryCreator } from 'kysely';
import type { DB } from '../../../../platform/db/schema.js';
import { liveGrant } from '../../../identity/api.js';
import type { ScopeType } from '../../../identity/domain/permissions.js';
import { Permission } from '../../../identity/domain/permissions.js';

/**
 * The permission that makes someone a provider-side manager of offering users: the one the
 * provider's resource bookkeeping needs (organization owner and service manager, offering manager).
 * Visibility follows the role table, so a staff edit of the roles changes both at once.
 */
export const PROVIDER_PERMISSION = Permission.RESOURCE_SET_STATE;

/** Subquery: ids of `type` scopes where the user holds a live grant carrying the provider permission. */
export function providerScopeIds(qc: QueryCreator<DB>, userId: number, type: ScopeType) {
  return qc
    .selectFrom('user_roles')
    .innerJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
    .select('user_roles.scope_id')
    .where('user_roles.user_id', '=', userId)
    .where('user_roles.scope_type', '=', type)
    .where('role_permissions.permission', '=', PROVIDER_PERMISSION)
    .where(liveGrant);
}
