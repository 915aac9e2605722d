import type { Tx } from '../../../platform/db/database.js';
import { Permission } from '../../identity/domain/permissions.js';
import { type OrderState, orderStateToCode } from '../../orders/domain/order-state.js';
import { approverScopes, loadApprovalRequest } from '../adapters/pg/approval-request.js';
import { loadOrderSummary, type OrderScopesIds, usersHolding } from '../adapters/pg/recipients.js';
import { HELD_FOR_DIGEST } from '../domain/approval-sla.js';
import {
  type ApprovalSide,
  approvalMessage,
  consumerMessageText,
  providerMessageText,
} from '../domain/messages.js';
import { recordNotifications } from './record-notifications.js';

/** The states in which an order waits for people, and whose approvers they are. */
const WAITING: Partial<Record<OrderState, ApprovalSide>> = {
  'pending-consumer': 'consumer',
  'pending-provider': 'provider',
};

/** Whether entering `state` makes an order wait for approvers (and so notifies them). */
export function waitsForApprovers(state: OrderState): boolean {
  return WAITING[state] !== undefined;
}

/** Who approves on each side (orders §9.3), as people to mail. */
function approvers(tx: Tx, side: ApprovalSide, ids: OrderScopesIds) {
  return usersHolding(tx, Permission.ORDER_APPROVE, approverScopes(side, ids));
}

/**
 * The order has just entered `state`: when that is a waiting state, its approvers get an approval
 * request (orders spec §5.1, §5.4, §5.6); `reminder` writes the one reminder of that wait instead.
 * Runs in the transaction of the transition. Returns the rows written.
 */
export async function notifyApprovers(
  tx: Tx,
  orderId: number,
  state: OrderState,
  reminder = false,
): Promise<number> {
  const side = WAITING[state];
  if (!side) return 0;
  // Summary, approvers and the digest setting in one statement.
  const loaded = await loadApprovalRequest(tx, orderId, side);
  if (!loaded) return 0;
  return recordNotifications(
    tx,
    {
      kind: reminder ? 'approval_reminder' : 'approval_request',
      orderId,
      orderState: orderStateToCode(state),
    },
    loaded.approvers,
    approvalMessage(side, loaded.summary, reminder),
    // Provider approvers who opted into the daily digest get the request there, not on its own.
    loaded.digest ? HELD_FOR_DIGEST : undefined,
  );
}

/**
 * `set_provider_info` / `set_consumer_info` (§7.18–§7.19): the provider's message goes to the
 * order's creator and to whoever may answer (ORDER.SET_CONSUMER_INFO); the consumer's answer goes
 * to the provider's approvers.
 */
export async function notifyOrderMessage(
  tx: Tx,
  orderId: number,
  from: 'provider' | 'consumer',
  message: { text: string; url?: string },
): Promise<number> {
  const loaded = await loadOrderSummary(tx, orderId);
  if (!loaded) return 0;
  const { summary, ids } = loaded;
  if (from === 'provider') {
    const recipients = await usersHolding(
      tx,
      Permission.ORDER_SET_CONSUMER_INFO,
      [
        { type: 'project', id: ids.projectId },
        { type: 'customer', id: ids.customerId },
      ],
      ids.createdBy === null ? [] : [ids.createdBy],
    );
    return recordNotifications(
      tx,
      { kind: 'provider_message', orderId, orderState: null },
      recipients,
      providerMessageText(summary, message.text, message.url ?? ''),
    );
  }
  return recordNotifications(
    tx,
    { kind: 'consumer_message', orderId, orderState: null },
    await approvers(tx, 'provider', ids),
    consumerMessageText(summary, message.text),
  );
}
