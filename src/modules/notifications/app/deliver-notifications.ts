import type { Tx } from '../../../platform/db/database.js';
import { updateNotificationRows } from '../adapters/pg/notification-writes.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from '../domain/messages.js';

/** One e-mail as the transport sends it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail (SMTP in production; the adapter lives in `adapters/smtp`). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Sends the due `pending` rows, oldest first, and records each outcome: `sent`, or another attempt
 * after a doubling back-off, or `failed` after {@link MAX_DELIVERY_ATTEMPTS}. Rows are claimed with
 * SKIP LOCKED. A crash after the SMTP server accepted a mail but before commit sends it again on the
 * next run (at least once: a duplicate e-mail is better than a lost approval request).
 */
export async function deliverDueNotifications(
  tx: Tx,
  mailer: Mailer,
  now: Date,
  batch = 20,
): Promise<number> {
  const due = await tx
    .selectFrom('notifications')
    .select(['id', 'recipient_email', 'subject', 'body', 'attempts'])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(batch)
    .forUpdate()
    .skipLocked()
    .execute();
  for (const n of due) {
    const attempts = n.attempts + 1;
    try {
      await mailer.send({ to: n.recipient_email, subject: n.subject, text: n.body });
      await updateNotificationRows(tx, [n.id], { state: 'sent', attempts, sent_at: now, last_error: '' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
      await updateNotificationRows(tx, [n.id], {
        attempts,
        last_error: message.slice(0, 2000),
        ...(failed
          ? { state: 'failed' }
          : { next_attempt_at: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) }),
      });
    }
  }
  return due.length;
}
