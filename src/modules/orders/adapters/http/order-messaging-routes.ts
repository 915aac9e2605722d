import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setConsumerInfo, setProviderInfo } from '../../app/set-order-info.js';
import { actionRoute } from './order-action-routes.js';
import { DetailOut } from './order-schemas.js';

/**
 * Provider ↔ consumer messaging on pending-provider orders (§7.18–§7.19), when the offering sets
 * `plugin_options.enable_provider_consumer_messaging`. JSON bodies; attachments are not accepted yet.
 */
export function orderMessagingRoutes(app: FastifyInstance): void {
  actionRoute(app, {
    action: 'set_provider_info',
    summary: 'Provider message to the consumer (pending-provider, messaging enabled)',
    status: 200,
    response: DetailOut,
    body: z.object({
      provider_message: z.string().max(10_000).optional(),
      provider_message_url: z.url().max(2000).or(z.literal('')).optional(),
    }),
    run: async (tx, actor, id, b) => ({
      detail: await setProviderInfo(tx, actor, id, {
        message: b.provider_message,
        url: b.provider_message_url,
      }),
    }),
  });
  actionRoute(app, {
    action: 'set_consumer_info',
    summary: 'Consumer reply to the provider (pending-provider, messaging enabled)',
    status: 200,
    response: DetailOut,
    body: z.object({ consumer_message: z.string().min(1).max(10_000) }),
    run: async (tx, actor, id, b) => ({ detail: await setConsumerInfo(tx, actor, id, b.consumer_message) }),
  });
}
