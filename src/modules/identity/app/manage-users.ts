import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import type { UserRow } from '../adapters/pg/user-repository.js';
import { insertUser, updateUserRow } from '../adapters/pg/user-writes.js';
import { requireStaff } from './access.js';

/** Fields of a new user (`POST /api/users/`). */
export interface NewUser {
  username: string;
  email: string;
  first_name?: string | undefined;
  last_name?: string | undefined;
  organization?: string | undefined;
  job_title?: string | undefined;
  is_staff?: boolean | undefined;
  is_support?: boolean | undefined;
  is_active?: boolean | undefined;
  token_lifetime?: number | null | undefined;
}

/** Editable fields; the flags and the username are staff-only. */
export type UserChanges = Partial<NewUser>;

const STAFF_ONLY_FIELDS = ['username', 'is_staff', 'is_support', 'is_active'] as const;

/** Creates a user (staff only). */
export async function createUser(tx: Tx, actor: Actor, input: NewUser): Promise<UserRow> {
  requireStaff(actor);
  try {
    return await insertUser(tx, input);
  } catch (err) {
    throw duplicateUsername(err);
  }
}

/** Updates a user: staff edit anyone; a user edits their own profile fields. */
export async function updateUser(
  tx: Tx,
  actor: Actor,
  user: UserRow,
  changes: UserChanges,
): Promise<UserRow> {
  if (!actor.isStaff) {
    if (user.id !== actor.id) throw new ForbiddenError();
    const forbidden = STAFF_ONLY_FIELDS.filter((f) => changes[f] !== undefined && changes[f] !== user[f]);
    if (forbidden.length > 0) {
      throw new ForbiddenError('staff_only_field', `Only staff can change: ${forbidden.join(', ')}.`);
    }
  }
  if (Object.keys(changes).length === 0) return user;
  try {
    return await updateUserRow(tx, user.id, changes);
  } catch (err) {
    throw duplicateUsername(err);
  }
}

function duplicateUsername(err: unknown): unknown {
  return isUniqueViolation(err, 'users_username_key')
    ? ValidationError.field(
        '/body/username',
        'A user with that username already exists.',
        'user.duplicate_username',
      )
    : err;
}
