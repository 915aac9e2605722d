import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery, multi } from '../../../../platform/http/query.js';
import { orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { replayDelivery } from '../../app/replay-delivery.js';
import { deliveryList, findDelivery } from '../pg/hook-lists.js';
import { loadHook } from './hook-loaders.js';
import { DeliveryOut, presentDelivery } from './hook-schemas.js';

const tags = ['hooks'];
const DeliveryParams = z.object({ uuid: UuidInput, delivery_uuid: UuidInput });

async function loadDelivery(tx: Tx, actor: Actor, hookUuid: string, deliveryUuid: string) {
  const h = await loadHook(tx, actor, hookUuid);
  return orNotFound(findDelivery(tx, h.id, deliveryUuid), 'hook_delivery');
}

/** `/api/hooks/{uuid}/deliveries/`: the delivery log of a hook, and replay of one delivery. */
export function hookDeliveryRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/hooks/:uuid/deliveries/',
    operationId: 'hooks_deliveries_list',
    summary: 'Delivery log of a webhook (newest first): state, response code, duration, attempts',
    tags,
    params: UuidParams,
    query: listQuery({
      state: multi(z.enum(['pending', 'succeeded', 'failed'])),
      event_type: multi(z.string().max(200)),
    }),
    responses: { 200: z.array(DeliveryOut) },
    load: (tx, ctx) => loadHook(tx, ctx.actor, ctx.params.uuid),
    run: (tx, ctx, h) => respondList(ctx, deliveryList(tx, h.id, ctx.query), presentDelivery),
  });
  retrieveRoute(app, {
    url: '/api/hooks/:uuid/deliveries/:delivery_uuid/',
    operationId: 'hooks_deliveries_retrieve',
    summary: 'Retrieve one delivery of a webhook',
    tags,
    params: DeliveryParams,
    fields: false,
    out: DeliveryOut,
    load: (tx, ctx) => loadDelivery(tx, ctx.actor, ctx.params.uuid, ctx.params.delivery_uuid),
    present: (_tx, _ctx, obj) => presentDelivery(obj),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/hooks/:uuid/deliveries/:delivery_uuid/replay/',
    operationId: 'hooks_deliveries_replay',
    summary: 'Send a delivery again (as a new delivery with the same event, due at once)',
    tags,
    params: DeliveryParams,
    responses: { 202: DeliveryOut },
    load: (tx, ctx) => loadDelivery(tx, ctx.actor, ctx.params.uuid, ctx.params.delivery_uuid),
    run: async (tx, ctx, d) => {
      const uuid = await replayDelivery(tx, d.id);
      return {
        status: 202,
        body: presentDelivery(await loadDelivery(tx, ctx.actor, ctx.params.uuid, uuid)),
      };
    },
  });
}
