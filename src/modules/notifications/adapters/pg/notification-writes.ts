import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { NotificationKind, NotificationsTable } from '../../../../platform/db/schema.js';

/** Inserts outbox rows, dropping any that a unique index already holds; returns how many went in. */
export async function insertNotifications(
  tx: Tx,
  rows: readonly Insertable<NotificationsTable>[],
): Promise<number> {
  const res = await tx
    .insertInto('notifications')
    .values([...rows])
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** Inserts one outbox row; returns its uuid. */
export async function insertNotification(tx: Tx, values: Insertable<NotificationsTable>): Promise<string> {
  const row = await tx.insertInto('notifications').values(values).returning('uuid').executeTakeFirstOrThrow();
  return row.uuid;
}

/** Sets the given columns of outbox rows. */
export async function updateNotificationRows(
  tx: Tx,
  ids: readonly number[],
  set: Updateable<NotificationsTable>,
): Promise<void> {
  await tx
    .updateTable('notifications')
    .set(set)
    .where('id', 'in', [...ids])
    .execute();
}

/** Records an escalation step for an order's wait once; false when it was already taken. */
export async function claimEscalation(
  tx: Tx,
  orderId: number,
  orderState: number,
  level: number,
  now: Date,
): Promise<boolean> {
  const claimed = await tx
    .insertInto('approval_escalations')
    .values({ order_id: orderId, order_state: orderState, level, created: now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Turns kinds of e-mail off for a user (already off stays off). */
export async function insertOptOuts(
  tx: Tx,
  userId: number,
  kinds: readonly NotificationKind[],
): Promise<void> {
  if (kinds.length === 0) return;
  await tx
    .insertInto('user_notification_opt_outs')
    .values(kinds.map((kind) => ({ user_id: userId, kind })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Turns kinds of e-mail back on for a user. */
export async function deleteOptOuts(
  tx: Tx,
  userId: number,
  kinds: readonly NotificationKind[],
): Promise<void> {
  if (kinds.length === 0) return;
  await tx
    .deleteFrom('user_notification_opt_outs')
    .where('user_id', '=', userId)
    .where('kind', 'in', [...kinds])
    .execute();
}
