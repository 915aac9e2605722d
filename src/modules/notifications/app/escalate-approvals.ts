import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { orderStateToCode } from '../../orders/domain/order-state.js';
import { claimEscalation } from '../adapters/pg/notification-writes.js';
import { loadOrderSummary, type Recipient } from '../adapters/pg/recipients.js';
import { customerRoleHolders, staffUsers } from '../adapters/pg/sla-settings.js';
import { dueSteps, type EscalationStep, escalationMessage } from '../domain/approval-sla.js';
import { recordNotifications } from './record-notifications.js';

/** Audit event type of one escalation step (in the order's timeline). */
export const APPROVAL_ESCALATED = 'marketplace_order_approval_escalated';

const PENDING_PROVIDER = orderStateToCode('pending-provider');

function recipientsOf(tx: Tx, step: EscalationStep, providerCustomerId: number): Promise<Recipient[]> {
  return step.target === 'staff'
    ? staffUsers(tx)
    : customerRoleHolders(tx, 'CUSTOMER.OWNER', providerCustomerId);
}

/**
 * Escalates orders waiting for provider approval past their scope's SLA (`now` is injected): each
 * due step of the chain not yet taken for this wait e-mails its role, is recorded once
 * (`approval_escalations`) and appears in the order's timeline. Returns the steps taken.
 */
export async function escalateWaitingApprovals(tx: Tx, now: Date, batch = 200): Promise<number> {
  const waiting = await tx
    .selectFrom('orders as o')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .leftJoin('approval_sla_settings as so', (j) =>
      j.on('so.scope_type', '=', 'offering').onRef('so.scope_id', '=', 'o.offering_id'),
    )
    .leftJoin('approval_sla_settings as sc', (j) =>
      j.on('sc.scope_type', '=', 'customer').onRef('sc.scope_id', '=', 'f.customer_id'),
    )
    .select(['o.id'])
    .select(
      sql<number | null>`CASE WHEN so.id IS NOT NULL THEN so.escalate_after_hours
      ELSE sc.escalate_after_hours END`.as('hours'),
    )
    .select(
      sql<Date>`coalesce((SELECT max(t.created) FROM order_transitions t
        WHERE t.order_id = o.id AND t.is_valid AND t.to_state = ${PENDING_PROVIDER}), o.created)`.as('since'),
    )
    .where('o.state', '=', PENDING_PROVIDER)
    .where(sql<boolean>`coalesce(so.escalate_after_hours, sc.escalate_after_hours) IS NOT NULL`)
    .orderBy('o.id')
    .limit(batch)
    .execute();
  let taken = 0;
  for (const o of waiting) {
    if (o.hours === null) continue;
    for (const step of dueSteps(o.hours, now.getTime() - new Date(o.since).getTime())) {
      if (!(await claimEscalation(tx, o.id, PENDING_PROVIDER, step.level, now))) continue;
      const loaded = await loadOrderSummary(tx, o.id);
      if (!loaded) continue;
      const to = await recipientsOf(tx, step, loaded.ids.providerCustomerId);
      await recordNotifications(
        tx,
        { kind: 'approval_escalation', orderId: o.id, orderState: PENDING_PROVIDER },
        to,
        escalationMessage(loaded.summary, step, o.hours),
      );
      await recordEvent(tx, {
        type: APPROVAL_ESCALATED,
        level: 'warning',
        message: `Order waited over ${step.afterMultiple * o.hours} h for provider approval; escalated to ${step.label} (${to.length} notified).`,
        context: { level: step.level, target: step.target, recipients: to.length },
        scopes: {
          orderId: o.id,
          projectId: loaded.ids.projectId,
          customerId: loaded.ids.customerId,
          offeringId: loaded.ids.offeringId,
          providerCustomerId: loaded.ids.providerCustomerId,
        },
      });
      taken++;
    }
  }
  return taken;
}
