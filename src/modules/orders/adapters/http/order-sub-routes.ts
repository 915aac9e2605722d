import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { respondList, sparse } from '../../../../platform/http/list.js';
import { FieldQuery, listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { PublicOfferingOut, presentOfferingOfOrder } from '../../../offerings/api.js';
import { orderStateToCode, PENDING_STATES } from '../../domain/order-state.js';
import { recordsByIds, visibleOrders } from '../pg/order-visibility.js';
import { loadVisibleOrder, presentMany } from './order-context.js';
import { OrderOut } from './order-schemas.js';

const tags = ['marketplace-orders'];

/** Read-only sub-resources of orders: the order's offering and the caller's pending orders. */
export function orderSubRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/dashboard-my-orders/',
    operationId: 'marketplace_orders_dashboard_my_orders_list',
    summary: 'The caller’s own orders that are still pending, newest first (orders spec §7.22)',
    tags,
    query: listQuery({}),
    responses: { 200: z.array(OrderOut) },
    run: async (tx, ctx) => {
      const q = visibleOrders(tx, ctx.actor)
        .where('o.created_by', '=', ctx.actor.id)
        .where('o.state', 'in', [...PENDING_STATES].map(orderStateToCode));
      return respondList(
        ctx,
        {
          count: () => countRows(q),
          rows: async (limit, offset) => {
            const ids = await q
              .select('o.id')
              .orderBy('o.created', 'desc')
              .orderBy('o.id', 'desc')
              .limit(limit)
              .offset(offset)
              .execute();
            return presentMany(
              tx,
              ctx.base,
              ctx.actor,
              await recordsByIds(
                tx,
                ids.map((r) => r.id),
              ),
            );
          },
        },
        (order) => order,
      );
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/:uuid/offering/',
    operationId: 'marketplace_orders_offering_retrieve',
    summary: 'The offering of the order (public offering details)',
    tags,
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: PublicOfferingOut },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      return {
        status: 200,
        body: sparse(ctx, await presentOfferingOfOrder(tx, ctx.base, rec.offering_id)),
      };
    },
  });
}
