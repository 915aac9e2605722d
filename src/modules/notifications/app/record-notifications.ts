import type { Tx } from '../../../platform/db/database.js';
import type { NotificationKind } from '../../../platform/db/schema.js';
import { insertNotifications } from '../adapters/pg/notification-writes.js';
import type { Recipient } from '../adapters/pg/recipients.js';
import type { MessageText } from '../domain/messages.js';

/** What one notification is about. */
export interface NotificationSubject {
  kind: NotificationKind;
  orderId: number | null;
  /** Numeric code of the waiting state (approval requests and reminders). */
  orderState: number | null;
  /** The resource / project a resource notification is about. */
  resourceId?: number | null;
  projectId?: number | null;
  /** Once per (kind, key, recipient): periodic kinds name what they announced. */
  dedupeKey?: string | null;
}

/** Why a row is recorded but not sent. */
export const NO_RECIPIENTS = 'Nobody to notify: no active user holds the permission for this order.';
/** Why a row is recorded but not sent. */
export const NO_ADDRESS = 'The user has no e-mail address.';
/** Why a row is recorded but not sent. */
export const OPTED_OUT = 'The user turned this kind of e-mail off (notification settings).';

/** The recipients among `ids` who turned `kind` off. */
export async function optedOut(tx: Tx, kind: NotificationKind, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('user_notification_opt_outs')
    .select('user_id')
    .where('kind', '=', kind)
    .where('user_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Writes one outbox row per recipient in the caller's transaction, so the e-mail exists exactly
 * when the change it announces commits. Recipients without an address, and the case of nobody to
 * notify, are recorded as `skipped`, so the outbox shows why nobody was mailed. Reminder rows are
 * unique per (order, state, recipient); a second writer's rows are dropped (ON CONFLICT DO NOTHING).
 * `hold` records mailable rows as `skipped` with that text, for a later job to gather (the digest).
 * A recipient who turned the kind off gets a `skipped` row saying so.
 */
export async function recordNotifications(
  tx: Tx,
  about: NotificationSubject,
  recipients: readonly Recipient[],
  text: MessageText,
  hold?: string,
): Promise<number> {
  const base = {
    kind: about.kind,
    order_id: about.orderId,
    order_state: about.orderState,
    resource_id: about.resourceId ?? null,
    project_id: about.projectId ?? null,
    dedupe_key: about.dedupeKey ?? null,
    subject: text.subject,
    body: text.body,
  };
  const off = await optedOut(
    tx,
    about.kind,
    recipients.map((r) => r.id),
  );
  const rows =
    recipients.length === 0
      ? [{ ...base, recipient_id: null, state: 'skipped' as const, last_error: NO_RECIPIENTS }]
      : recipients.map((r) => ({
          ...base,
          recipient_id: r.id,
          recipient_email: r.email,
          ...(r.email ? {} : { state: 'skipped' as const, last_error: NO_ADDRESS }),
          // Held (e.g. for the daily digest): recorded, not mailed on its own.
          ...(r.email && hold ? { state: 'skipped' as const, last_error: hold } : {}),
          ...(off.has(r.id) ? { state: 'skipped' as const, last_error: OPTED_OUT } : {}),
        }));
  return insertNotifications(tx, rows);
}
