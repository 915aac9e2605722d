import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery } from '../../../../platform/http/query.js';
import { retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { PublicOfferingOut, presentOfferingOfOrder } from '../../../offerings/api.js';
import { myPendingOrders } from '../pg/order-lists.js';
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
      const list = myPendingOrders(tx, ctx.actor);
      // Present the page at once: one permission query covers every order's abilities.
      const rows = async (limit: number, offset: number) =>
        presentMany(tx, ctx.base, ctx.actor, await list.rows(limit, offset));
      return respondList(ctx, { count: list.count, rows }, (order) => order);
    },
  });

  retrieveRoute(app, {
    url: '/api/marketplace-orders/:uuid/offering/',
    operationId: 'marketplace_orders_offering_retrieve',
    summary: 'The offering of the order (public offering details)',
    tags,
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    out: PublicOfferingOut,
    present: (tx, ctx, rec) => presentOfferingOfOrder(tx, ctx.base, rec.offering_id),
  });
}
