import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { notifyOrderMessage } from '../../notifications/app/notify-order.js';
import { updateOrderRow } from '../adapters/pg/order-repository.js';
import { requireState } from './guards.js';
import { lockOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';

/** Audit events of provider ↔ consumer messaging (Orderly's own names). */
export const MESSAGE_EVENTS = {
  provider: 'marketplace_order_provider_info_set',
  consumer: 'marketplace_order_consumer_info_set',
} as const;

/** `set_provider_info` body (§7.18); attachments are not supported yet. */
export interface ProviderInfo {
  message?: string | undefined;
  url?: string | undefined;
}

/**
 * `set_provider_info` (§7.18): the provider's message (and link) on a pending-provider order, then an
 * e-mail to the consumer side through the outbox. The route checked state and messaging; the state is
 * re-checked under the row lock.
 */
export async function setProviderInfo(
  tx: Tx,
  actor: Actor,
  orderId: number,
  info: ProviderInfo,
): Promise<string> {
  if (info.message === undefined && info.url === undefined)
    throw ValidationError.field(
      '/body/provider_message',
      'Provide provider_message or provider_message_url.',
    );
  const o = await lockOrder(tx, orderId);
  requireState(o, 'set_provider_info');
  const message = info.message ?? o.row.provider_message;
  const url = info.url ?? o.row.provider_message_url;
  await updateOrderRow(tx, orderId, {
    provider_message: message,
    provider_message_url: url,
    provider_message_updated_at: sql<Date>`now()`,
    modified: sql<Date>`now()`,
  });
  await recordEvent(tx, {
    type: MESSAGE_EVENTS.provider,
    message: `The provider has written about the order for ${o.resource.name}.`,
    actorId: actor.id,
    context: { order_uuid: o.row.uuid, provider_message: message, provider_message_url: url },
    scopes: orderScopes(o),
  });
  await notifyOrderMessage(tx, orderId, 'provider', { text: message, url });
  return 'Provider info has been updated.';
}

/** `set_consumer_info` (§7.19): the consumer's reply on a pending-provider order, e-mailed to the provider. */
export async function setConsumerInfo(
  tx: Tx,
  actor: Actor,
  orderId: number,
  message: string,
): Promise<string> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'set_consumer_info');
  await updateOrderRow(tx, orderId, {
    consumer_message: message,
    consumer_message_updated_at: sql<Date>`now()`,
    modified: sql<Date>`now()`,
  });
  await recordEvent(tx, {
    type: MESSAGE_EVENTS.consumer,
    message: `The consumer has replied about the order for ${o.resource.name}.`,
    actorId: actor.id,
    context: { order_uuid: o.row.uuid, consumer_message: message },
    scopes: orderScopes(o),
  });
  await notifyOrderMessage(tx, orderId, 'consumer', { text: message });
  return 'Consumer info has been updated.';
}
