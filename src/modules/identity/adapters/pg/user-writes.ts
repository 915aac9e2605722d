import type { Insertable, Updateable } from 'kysely';
import { announceAuthChange } from '../../../../platform/auth/auth-changes.js';
import type { Tx } from '../../../../platform/db/database.js';
import type { UsersTable } from '../../../../platform/db/schema.js';
import type { UserRow } from './user-repository.js';

/** Inserts a user; returns the stored row. A taken username violates `users_username_key`. */
export function insertUser(tx: Tx, values: Insertable<UsersTable>): Promise<UserRow> {
  return tx.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Sets the given columns of a user and stamps `modified`; returns the stored row. */
export async function updateUserRow(tx: Tx, userId: number, set: Updateable<UsersTable>): Promise<UserRow> {
  // Active, staff, support and names make the actor: every process drops its cached copy on commit.
  await announceAuthChange(tx, userId);
  return tx
    .updateTable('users')
    .set({ ...set, modified: new Date() })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts a user unless the username is taken (then nothing changes). */
export async function insertUserIfMissing(tx: Tx, values: Insertable<UsersTable>): Promise<void> {
  await tx
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
}

/** Inserts a staff user, or makes the one of that username active staff again; returns its id. */
export async function upsertActiveStaff(
  tx: Tx,
  values: Insertable<UsersTable>,
): Promise<{ id: number; token_lifetime: number | null }> {
  const row = await tx
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.column('username').doUpdateSet({ is_staff: true, is_active: true }))
    .returning(['id', 'token_lifetime'])
    .executeTakeFirstOrThrow();
  await announceAuthChange(tx, row.id);
  return row;
}
