import type { FastifyInstance } from 'fastify';
import { UuidParams } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { loadVisibleOrder } from '../../../orders/api.js';
import { resourceRecordById } from '../pg/resource-lookups.js';
import { presentResourceIn } from './resource-context.js';
import { ResourceOut } from './resource-schemas.js';

/**
 * `GET /api/marketplace-orders/{uuid}/resource/` (api-contract §4, `marketplace_orders_resource_retrieve`):
 * the order's resource. Whoever sees the order sees its resource (every order has one, §2.1), also a
 * provider-side user, so the resource is read without a view filter; its `url` is the consumer one.
 */
export function orderResourceRoute(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/:uuid/resource/',
    operationId: 'marketplace_orders_resource_retrieve',
    summary: "The order's resource",
    tags: ['marketplace-orders'],
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: ResourceOut },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, order) => {
      const rec = await resourceRecordById(tx, order.resource_id);
      const body = await presentResourceIn(tx, ctx.base, ctx.actor, rec, 'consumer');
      return { status: 200, body: sparse(ctx, body) };
    },
  });
}
