import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import type { NotificationKind, NotificationState } from '../../../../platform/db/schema.js';

/** Filters of `GET /api/notifications/` (uuids already normalised to the dashed form). */
export interface NotificationFilter {
  order_uuid?: string | undefined;
  kind?: NotificationKind[] | undefined;
  state?: NotificationState[] | undefined;
  recipient_uuid?: string | undefined;
  resource_uuid?: string | undefined;
}

/**
 * The outbox rows `actor` may read: staff and support all of them, everyone else the e-mails
 * addressed to them (a notification names an order and people, so it is private to its recipient).
 */
export function visibleNotifications(tx: Tx, actor: Actor, f: NotificationFilter = {}) {
  let q = tx
    .selectFrom('notifications as n')
    .leftJoin('orders as o', 'o.id', 'n.order_id')
    .leftJoin('users as u', 'u.id', 'n.recipient_id')
    .leftJoin('resources as r', 'r.id', 'n.resource_id');
  if (!seesEverything(actor)) q = q.where('n.recipient_id', '=', actor.id);
  if (f.order_uuid) q = q.where('o.uuid', '=', f.order_uuid);
  if (f.kind?.length) q = q.where('n.kind', 'in', f.kind);
  if (f.state?.length) q = q.where('n.state', 'in', f.state);
  if (f.recipient_uuid) q = q.where('u.uuid', '=', f.recipient_uuid);
  if (f.resource_uuid) q = q.where('r.uuid', '=', f.resource_uuid);
  return q;
}

/** Selects the columns the presenter reads. */
export function notificationColumns(q: ReturnType<typeof visibleNotifications>) {
  return q
    .selectAll('n')
    .select(['o.uuid as order_uuid', 'u.uuid as recipient_uuid', 'u.username as recipient_username'])
    .select('r.uuid as resource_uuid');
}

/** One outbox row as presented. */
export type NotificationRecord = Awaited<
  ReturnType<ReturnType<typeof notificationColumns>['executeTakeFirstOrThrow']>
>;

/** `GET /api/notifications/`: the visible notifications, filtered, newest first. */
export function notificationList(tx: Tx, actor: Actor, f: NotificationFilter) {
  return queryList(tx, visibleNotifications(tx, actor, f), (q, limit, offset) =>
    notificationColumns(q).orderBy('n.id', 'desc').limit(limit).offset(offset).execute(),
  );
}

/** The visible notification with this uuid, if any. */
export function findVisibleNotification(tx: Tx, actor: Actor, uuid: string) {
  return notificationColumns(visibleNotifications(tx, actor)).where('n.uuid', '=', uuid).executeTakeFirst();
}
