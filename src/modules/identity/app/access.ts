import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ForbiddenError } from '../../../platform/errors.js';
import { holdsPermission, type Scope } from '../adapters/pg/access-queries.js';
import type { Permission } from '../domain/permissions.js';

export type { Scope } from '../adapters/pg/access-queries.js';
export { consumerCustomer } from '../adapters/pg/access-queries.js';

/**
 * The one access resolver: may `actor` do `permission` on any of `scopes`? Staff always may;
 * everyone else needs a live role grant whose role carries the permission (table `role_permissions`).
 */
export async function can(tx: Tx, actor: Actor, permission: Permission, scopes: Scope[]): Promise<boolean> {
  if (actor.isStaff) return true;
  return holdsPermission(tx, actor.id, permission, scopes);
}

/** {@link can}, throwing a 403-kind error when the answer is no. */
export async function authorize(
  tx: Tx,
  actor: Actor,
  permission: Permission,
  scopes: Scope[],
): Promise<void> {
  if (!(await can(tx, actor, permission, scopes))) throw new ForbiddenError();
}

/** Staff-only gate. */
export function requireStaff(actor: Actor): void {
  if (!actor.isStaff) throw new ForbiddenError('staff_only', 'Only staff can perform this action.');
}
