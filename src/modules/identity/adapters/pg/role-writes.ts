import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { RolesTable } from '../../../../platform/db/schema.js';

/** Sets the given columns of a role and stamps `modified`. */
export async function updateRoleRow(tx: Tx, roleId: number, set: Updateable<RolesTable>): Promise<void> {
  await tx
    .updateTable('roles')
    .set({ ...set, modified: sql<Date>`now()` })
    .where('id', '=', roleId)
    .execute();
}

/** Inserts a role unless one of that name exists; returns the new id, or undefined. */
export async function insertRoleIfMissing(
  tx: Tx,
  values: Insertable<RolesTable>,
): Promise<number | undefined> {
  const inserted = await tx
    .insertInto('roles')
    .values(values)
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** Adds permissions to a role. */
export async function insertRolePermissions(
  tx: Tx,
  roleId: number,
  permissions: readonly string[],
): Promise<void> {
  if (permissions.length === 0) return;
  await tx
    .insertInto('role_permissions')
    .values(permissions.map((permission) => ({ role_id: roleId, permission })))
    .execute();
}

/** Replaces a role's permission set as a whole. */
export async function replaceRolePermissions(
  tx: Tx,
  roleId: number,
  permissions: readonly string[],
): Promise<void> {
  await tx.deleteFrom('role_permissions').where('role_id', '=', roleId).execute();
  await insertRolePermissions(tx, roleId, [...new Set(permissions)]);
}
