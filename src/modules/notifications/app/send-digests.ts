import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { orderStateToCode } from '../../orders/domain/order-state.js';
import { insertNotification, updateNotificationRows } from '../adapters/pg/notification-writes.js';
import { loadOrderSummary } from '../adapters/pg/recipients.js';
import { DIGEST_PERIOD_MS, digestMessage, HELD_FOR_DIGEST, SENT_IN_DIGEST } from '../domain/approval-sla.js';
import { NO_ADDRESS, OPTED_OUT, optedOut } from './record-notifications.js';

/** Audit event type of an order listed in an approver's daily digest (in the order's timeline). */
export const APPROVAL_DIGESTED = 'marketplace_order_approval_digest_sent';

const PENDING_PROVIDER = orderStateToCode('pending-provider');

/**
 * The daily digest (`now` is injected): each approver with approval e-mails held for the digest,
 * and no digest in the last 24 h, gets one e-mail listing the orders of those held rows that still
 * wait for provider approval; the held rows are marked as sent in the digest and each listed order's
 * timeline gets an event. Returns the digests written.
 */
export async function sendApprovalDigests(tx: Tx, now: Date): Promise<number> {
  const held = await tx
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.recipient_id')
    .select(['n.id', 'n.order_id', 'u.id as user_id', 'u.email', 'u.username'])
    .where('n.kind', 'in', ['approval_request', 'approval_reminder'])
    .where('n.state', '=', 'skipped')
    .where('n.last_error', '=', HELD_FOR_DIGEST)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notifications as d')
            .select('d.id')
            .whereRef('d.recipient_id', '=', 'n.recipient_id')
            .where('d.kind', '=', 'approval_digest')
            .where('d.created', '>', new Date(now.getTime() - DIGEST_PERIOD_MS)),
        ),
      ),
    )
    .orderBy('u.id')
    .orderBy('n.id')
    .forUpdate('n')
    .execute();
  const byUser = new Map<number, typeof held>();
  for (const h of held) byUser.set(h.user_id, [...(byUser.get(h.user_id) ?? []), h]);
  let sent = 0;
  for (const [userId, rows] of byUser) {
    const orderIds = [...new Set(rows.map((r) => r.order_id).filter((id): id is number => id !== null))];
    const waiting = orderIds.length
      ? await tx
          .selectFrom('orders')
          .select('id')
          .where('id', 'in', orderIds)
          .where('state', '=', PENDING_PROVIDER)
          .orderBy('id')
          .execute()
      : [];
    const loaded = (await Promise.all(waiting.map((o) => loadOrderSummary(tx, o.id)))).flatMap((l, i) =>
      l ? [{ id: waiting[i]!.id, ...l }] : [],
    );
    await updateNotificationRows(
      tx,
      rows.map((r) => r.id),
      { last_error: SENT_IN_DIGEST },
    );
    if (loaded.length === 0) continue;
    const first = rows[0]!;
    const text = digestMessage(loaded.map((l) => l.summary));
    const digestUuid = await insertNotification(tx, {
      kind: 'approval_digest',
      order_id: null,
      order_state: null,
      recipient_id: userId,
      recipient_email: first.email,
      subject: text.subject,
      body: text.body,
      created: now,
      ...(first.email ? {} : { state: 'skipped' as const, last_error: NO_ADDRESS }),
      ...((await optedOut(tx, 'approval_digest', [userId])).size
        ? { state: 'skipped' as const, last_error: OPTED_OUT }
        : {}),
    });
    for (const l of loaded) {
      await recordEvent(tx, {
        type: APPROVAL_DIGESTED,
        message: `Approval request sent to ${first.username} in the daily digest.`,
        context: { digest_uuid: digestUuid.replace(/-/g, ''), recipient: first.username },
        scopes: {
          orderId: l.id,
          projectId: l.ids.projectId,
          customerId: l.ids.customerId,
          offeringId: l.ids.offeringId,
          providerCustomerId: l.ids.providerCustomerId,
        },
      });
    }
    sent++;
  }
  return sent;
}
