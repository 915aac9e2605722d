import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { NotificationKind } from '../../../platform/db/schema.js';
import { ForbiddenError } from '../../../platform/errors.js';
import { deleteOptOuts, insertOptOuts } from '../adapters/pg/notification-writes.js';
import { KIND_LIST } from '../domain/kinds.js';

/** Whether each kind of e-mail is on for one user (every kind is on until the user turns it off). */
export type NotificationSettings = Record<NotificationKind, boolean>;

/** The settings of user `userId`. */
export async function readNotificationSettings(tx: Tx, userId: number): Promise<NotificationSettings> {
  const off = await tx
    .selectFrom('user_notification_opt_outs')
    .select('kind')
    .where('user_id', '=', userId)
    .execute();
  const disabled = new Set(off.map((r) => r.kind));
  return Object.fromEntries(KIND_LIST.map((k) => [k, !disabled.has(k)])) as NotificationSettings;
}

/**
 * Turns kinds on or off for the actor themself (nobody edits another person's settings, staff
 * included: the choice is the recipient's). Kinds not named keep their setting. Returns the result.
 */
export async function updateNotificationSettings(
  tx: Tx,
  actor: Actor,
  userId: number,
  changes: Partial<Record<NotificationKind, boolean>>,
): Promise<NotificationSettings> {
  if (actor.id !== userId) throw new ForbiddenError();
  const entries = Object.entries(changes) as [NotificationKind, boolean | undefined][];
  const off = entries.filter(([, on]) => on === false).map(([k]) => k);
  const on = entries.filter(([, v]) => v === true).map(([k]) => k);
  await insertOptOuts(tx, userId, off);
  await deleteOptOuts(tx, userId, on);
  return readNotificationSettings(tx, userId);
}
