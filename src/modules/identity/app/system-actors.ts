import { type Actor, actorFromUser } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { insertUserIfMissing } from '../adapters/pg/user-writes.js';

/** Username of the staff robot that periodic tasks act as (Waldur `get_system_robot`). */
export const SYSTEM_ROBOT_USERNAME = 'system_robot';

/** The actor of an active user by internal id, or undefined when the user is gone or inactive. */
export async function actorOfUser(tx: Tx, userId: number): Promise<Actor | undefined> {
  const u = await tx
    .selectFrom('users')
    .select(['id', 'uuid', 'username', 'first_name', 'last_name', 'is_staff', 'is_support'])
    .where('id', '=', userId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  return u ? actorFromUser(u) : undefined;
}

/**
 * The system robot: a staff user without a token, created on first use, so orders the scheduler
 * creates (end-date terminations, §11.5) have an author in history and audit like any other.
 */
export async function systemRobot(tx: Tx): Promise<Actor> {
  await insertUserIfMissing(tx, {
    username: SYSTEM_ROBOT_USERNAME,
    first_name: 'System',
    last_name: 'Robot',
    is_staff: true,
  });
  const row = await tx
    .selectFrom('users')
    .select('id')
    .where('username', '=', SYSTEM_ROBOT_USERNAME)
    .executeTakeFirstOrThrow();
  const actor = await actorOfUser(tx, row.id);
  if (!actor) throw new Error(`The ${SYSTEM_ROBOT_USERNAME} user is inactive; reactivate it.`);
  return actor;
}
