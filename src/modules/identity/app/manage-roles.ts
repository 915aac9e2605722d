import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import {
  insertRoleIfMissing,
  insertRolePermissions,
  replaceRolePermissions,
  updateRoleRow,
} from '../adapters/pg/role-writes.js';
import { DEFAULT_ROLES } from '../domain/default-roles.js';
import { isPermission } from '../domain/permissions.js';
import { requireStaff } from './access.js';

/** Staff edits of a role: its description, whether it is offered, and its permission set. */
export interface RoleChanges {
  description?: string | undefined;
  is_active?: boolean | undefined;
  permissions?: string[] | undefined;
}

/** Applies staff edits to a role; the permission set is replaced as a whole. */
export async function updateRole(tx: Tx, actor: Actor, roleId: number, changes: RoleChanges): Promise<void> {
  requireStaff(actor);
  const unknown = (changes.permissions ?? []).filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw ValidationError.field(
      '/body/permissions',
      `Unknown permissions: ${unknown.join(', ')}.`,
      'role.unknown_permission',
    );
  }
  const { permissions, ...fields } = changes;
  if (Object.keys(fields).length > 0) await updateRoleRow(tx, roleId, fields);
  if (permissions) await replaceRolePermissions(tx, roleId, permissions);
}

/** Roles with their permissions, ordered by name. */
export async function listRoles(
  tx: Tx,
  filter: { name?: string | undefined; is_active?: boolean | undefined },
) {
  let q = tx
    .selectFrom('roles')
    .selectAll('roles')
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(permission ORDER BY permission) FROM role_permissions WHERE role_id = roles.id), '{}')`.as(
        'permissions',
      ),
    );
  if (filter.name) q = q.where('name', '=', filter.name);
  if (filter.is_active !== undefined) q = q.where('is_active', '=', filter.is_active);
  return q.orderBy('name');
}

/** The role with this uuid and its permissions, if any. */
export async function findRole(tx: Tx, uuid: string) {
  return (await listRoles(tx, {})).where('uuid', '=', uuid).executeTakeFirst();
}

/**
 * Inserts the built-in roles and their default permissions when they are missing. Existing roles are
 * left alone: staff edits survive restarts and upgrades.
 */
export async function seedDefaultRoles(tx: Tx): Promise<void> {
  for (const r of DEFAULT_ROLES) {
    const id = await insertRoleIfMissing(tx, {
      name: r.name,
      description: r.description,
      content_type: r.scope,
      is_active: r.isActive,
    });
    if (id !== undefined) await insertRolePermissions(tx, id, r.permissions);
  }
}
