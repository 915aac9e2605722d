import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { listTxMode, noteAgentListRequest } from '../../../site-agent/app/note-order-list.js';
import { createOrder } from '../../app/create-order.js';
import { destroyOrder, updateOrder } from '../../app/edit-order.js';
import { loadAbilityInput } from '../../app/order-facts.js';
import { assertOrderAction } from '../../domain/abilities.js';
import { listOrderAttempts } from '../pg/order-attempt-list.js';
import { filterOrders, orderOrders } from '../pg/order-filters.js';
import { recordsByIds, visibleOrders } from '../pg/order-visibility.js';
import { createInputFromBody } from './create-order-input.js';
import { loadVisibleOrder, presentMany, presentOne } from './order-context.js';
import { CreateOrderBody, OrderListQuery, OrderOut } from './order-schemas.js';

const tags = ['marketplace-orders'];

const AttemptOut = z
  .object({
    uuid: z.string(),
    attempt_number: z.number().int(),
    trigger: z.string(),
    started_at: z.string(),
    started_by_username: z.string().nullable(),
    finished_at: z.string().nullable(),
    outcome: z.enum(['running', 'done', 'erred', 'canceled']),
    error_message: z.string(),
    error_traceback: z.string(),
    resource_error_message: z.string(),
    resource_error_traceback: z.string(),
    output: z.string(),
  })
  .meta({ id: 'OrderAttempt' });

const UpdateBody = z.object({
  limits: z.record(z.string(), z.number().nonnegative()).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  start_date: z.iso.date().nullable().optional(),
});

/** `/api/marketplace-orders/`: list, count, create, retrieve, edit, delete and attempts. */
export function orderRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/',
    operationId: 'marketplace_orders_list',
    summary: 'List orders (oldest first; filters of orders spec §14.2)',
    tags,
    query: OrderListQuery,
    responses: { 200: z.array(OrderOut) },
    // Writes only for a site agent, whose poll marks its offering's agent as seen.
    tx: (ctx) => listTxMode(ctx.req.headers['user-agent']),
    run: async (tx, ctx) => {
      // A site agent polling its offering's orders marks the offering's agent as seen.
      await noteAgentListRequest(
        tx,
        ctx.actor,
        'orders',
        ctx.req.headers['user-agent'],
        ctx.query.offering_uuid,
      );
      const q = filterOrders(tx, visibleOrders(tx, ctx.actor), ctx.actor, ctx.query);
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          // Present the page at once: one permission query covers every order's abilities.
          rows: async (limit, offset) =>
            presentMany(
              tx,
              ctx.base,
              ctx.actor,
              await recordsByIds(
                tx,
                (await orderOrders(q, ctx.query.o).select('o.id').limit(limit).offset(offset).execute()).map(
                  (r) => r.id,
                ),
              ),
            ),
        },
        (order) => order,
      );
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-orders/',
    operationId: 'marketplace_orders_create',
    summary: 'Order a new resource (type is always Create)',
    tags,
    body: CreateOrderBody,
    responses: { 201: OrderOut },
    run: async (tx, ctx) => {
      const id = await createOrder(tx, ctx.actor, createInputFromBody(ctx.body()));
      const [rec] = await recordsByIds(tx, [id]);
      return { status: 201, body: await presentOne(tx, ctx.base, ctx.actor, rec!) };
    },
  });

  retrieveRoute(app, {
    url: '/api/marketplace-orders/:uuid/',
    operationId: 'marketplace_orders_retrieve',
    summary: 'Retrieve an order with its abilities',
    tags,
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    out: OrderOut,
    present: (tx, ctx, rec) => presentOne(tx, ctx.base, ctx.actor, rec),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/:uuid/attempts/',
    operationId: 'marketplace_orders_attempts_list',
    summary: 'Processing attempts of the order, oldest first (errors of earlier attempts are kept)',
    tags,
    params: UuidParams,
    responses: { 200: z.array(AttemptOut) },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      const privileged = ctx.actor.isStaff || ctx.actor.isSupport;
      const rows = await listOrderAttempts(tx, rec.id);
      const body = rows.map((a) => ({
        uuid: hex(a.uuid),
        attempt_number: a.attempt_number,
        trigger: a.trigger,
        started_at: a.started_at.toISOString(),
        started_by_username: a.started_by_username ?? null,
        finished_at: a.finished_at?.toISOString() ?? null,
        outcome: a.outcome,
        error_message: a.error_message,
        error_traceback: privileged ? a.error_traceback : '',
        resource_error_message: a.resource_error_message,
        resource_error_traceback: privileged ? a.resource_error_traceback : '',
        output: a.output,
      }));
      ctx.reply.header('X-Result-Count', String(body.length));
      return { status: 200, body };
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: '/api/marketplace-orders/:uuid/',
      operationId: method === 'PATCH' ? 'marketplace_orders_partial_update' : 'marketplace_orders_update',
      summary: 'Edit limits, attributes or start date while pending consumer approval',
      tags,
      params: UuidParams,
      body: UpdateBody,
      responses: { 200: UpdateBody.meta({ id: 'OrderUpdate' }) },
      load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, rec) => assertOrderAction('update', await loadAbilityInput(tx, rec, ctx.actor)),
      run: async (tx, ctx, rec) => {
        const changes = ctx.body();
        await updateOrder(tx, rec.id, changes);
        const after = await loadVisibleOrder(tx, ctx.actor, ctx.params.uuid);
        return {
          status: 200,
          body: {
            limits: after.limits as Record<string, number>,
            attributes: after.attributes,
            start_date: after.start_date,
          },
        };
      },
    });
  }

  addRoute(app, {
    method: 'DELETE',
    url: '/api/marketplace-orders/:uuid/',
    operationId: 'marketplace_orders_destroy',
    summary: 'Delete a pending order',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, rec) => assertOrderAction('destroy', await loadAbilityInput(tx, rec, ctx.actor)),
    run: async (tx, _ctx, rec) => {
      await destroyOrder(tx, rec.id);
      return { status: 204 };
    },
  });
}
