import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { ORDER_STATES, orderStateFromCode } from '../../domain/order-state.js';
import { listOrderTransitions } from '../pg/order-transition-list.js';
import { loadVisibleOrder } from './order-context.js';

const State = z.enum(ORDER_STATES);

/** One row of the order's state history (G5). */
const TransitionOut = z
  .object({
    id: z.number().int(),
    previous_id: z.number().int().nullable().meta({ description: 'The transition before this one.' }),
    from_state: State,
    to_state: State,
    action: z.string().meta({ description: 'API action or system task that asked for the move.' }),
    actor_username: z.string().nullable(),
    reason: z.string().meta({ description: 'The reason given; for a refused move, why it was refused.' }),
    is_valid: z.boolean().meta({ description: 'False when the state machine refused the move.' }),
    created: z.string(),
  })
  .meta({ id: 'OrderTransition' });

/** `GET /api/marketplace-orders/{uuid}/transitions/`: the order's state history, refused moves included. */
export function orderHistoryRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/:uuid/transitions/',
    operationId: 'marketplace_orders_transitions_list',
    summary: 'State transitions of the order, oldest first, with actor and reason (refused ones too)',
    tags: ['marketplace-orders'],
    params: UuidParams,
    responses: { 200: z.array(TransitionOut) },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      const body = (await listOrderTransitions(tx, rec.id)).map((t) => ({
        id: Number(t.id),
        previous_id: t.previous_id === null ? null : Number(t.previous_id),
        from_state: orderStateFromCode(t.from_state),
        to_state: orderStateFromCode(t.to_state),
        action: t.action,
        actor_username: t.actor_username ?? null,
        reason: t.reason,
        is_valid: t.is_valid,
        created: t.created.toISOString(),
      }));
      ctx.reply.header('X-Result-Count', String(body.length));
      return { status: 200, body };
    },
  });
}
