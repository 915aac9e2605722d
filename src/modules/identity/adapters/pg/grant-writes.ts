import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { UserRolesTable } from '../../../../platform/db/schema.js';
import type { ScopeType } from '../../domain/permissions.js';

/** Which grant: a user's role on one object. */
export interface GrantKey {
  userId: number;
  roleId: number;
  scopeType: ScopeType;
  scopeId: number;
}

function activeGrant(tx: Tx, k: GrantKey) {
  return tx
    .updateTable('user_roles')
    .where('user_id', '=', k.userId)
    .where('role_id', '=', k.roleId)
    .where('scope_type', '=', k.scopeType)
    .where('scope_id', '=', k.scopeId)
    .where('is_active', '=', true);
}

/** Inserts a grant; returns its expiration time. A second active grant violates `user_roles_one_active`. */
export function insertGrant(
  tx: Tx,
  values: Insertable<UserRolesTable>,
): Promise<{ expiration_time: Date | null }> {
  return tx.insertInto('user_roles').values(values).returning(['expiration_time']).executeTakeFirstOrThrow();
}

/** Sets a new expiration time on the active grant; undefined when there is none. */
export function setGrantExpiration(
  tx: Tx,
  k: GrantKey,
  expiration: Date | null,
): Promise<{ expiration_time: Date | null } | undefined> {
  return activeGrant(tx, k)
    .set({ expiration_time: expiration, modified: sql<Date>`now()` })
    .returning(['expiration_time'])
    .executeTakeFirst();
}

/** Retires the active grant when it has expired (it gives no access, so it must not count as one). */
export async function retireExpiredGrant(tx: Tx, k: GrantKey): Promise<void> {
  await activeGrant(tx, k)
    .set({ is_active: false, modified: sql<Date>`now()` })
    .where('expiration_time', '<=', sql<Date>`now()`)
    .execute();
}

/** Revokes the active grant (the row stays, inactive, for audit); returns how many were revoked. */
export async function revokeGrant(tx: Tx, k: GrantKey): Promise<number> {
  const r = await activeGrant(tx, k).set({ is_active: false, modified: sql<Date>`now()` }).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deactivates every grant on one object (its project was deleted). */
export async function deactivateScopeGrants(tx: Tx, scopeType: ScopeType, scopeId: number): Promise<void> {
  await tx
    .updateTable('user_roles')
    .set({ is_active: false })
    .where('scope_type', '=', scopeType)
    .where('scope_id', '=', scopeId)
    .execute();
}
