import type { FastifyInstance } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../../identity/app/access.js';
import { approveByConsumer } from '../../app/approve-by-consumer.js';
import { approveByProvider } from '../../app/approve-by-provider.js';
import { cancelOrder } from '../../app/cancel-order.js';
import { checkOrderAction } from '../../app/check-order-action.js';
import { setOrderBackendId, unlinkOrder } from '../../app/edit-order.js';
import { rejectByConsumer, rejectByProvider } from '../../app/reject-order.js';
import { retryOrder } from '../../app/retry-order.js';
import { setStateDone, setStateErred, setStateExecuting } from '../../app/set-order-state.js';
import type { OrderAction } from '../../domain/order-actions.js';
import { loadVisibleOrder } from './order-context.js';
import { DetailOut, StatusOut } from './order-schemas.js';

/** One detail action: its checks come from the action table; `run` is the use case. */
export interface ActionSpec<B extends ZodType> {
  action: OrderAction;
  summary: string;
  status: number;
  response: ZodType | null;
  body?: B;
  run(tx: Tx, actor: Actor, orderId: number, body: z.output<B>): Promise<unknown>;
}

const reason = z.string().max(2000).optional().meta({ description: 'Why (recorded in the audit event).' });
const Empty = z.object({ reason });

/**
 * Registers `POST /api/marketplace-orders/{uuid}/<action>/`: 404 (visibility) → the action's checks
 * in Waldur's declared order (403 / 400 / 409 / 405) → body (400) → use case under row locks.
 */
export function actionRoute<B extends ZodType>(app: FastifyInstance, spec: ActionSpec<B>) {
  addRoute(app, {
    method: 'POST',
    url: `/api/marketplace-orders/:uuid/${spec.action}/`,
    operationId: `marketplace_orders_${spec.action}`,
    summary: spec.summary,
    tags: ['marketplace-orders'],
    params: UuidParams,
    body: spec.body ?? Empty,
    responses: { [spec.status]: spec.response },
    load: (tx, ctx) => {
      // unlink checks staff before looking the order up (quirk 13: 403, not 404).
      if (spec.action === 'unlink') requireStaff(ctx.actor);
      return loadVisibleOrder(tx, ctx.actor, ctx.params.uuid);
    },
    // A refusal by the state machine is recorded as a refused transition (G5).
    check: (tx, ctx, rec) => checkOrderAction(tx, rec, spec.action, ctx.actor),
    run: async (tx, ctx, rec) => {
      const result = await spec.run(tx, ctx.actor, rec.id, ctx.body() as z.output<B>);
      return { status: spec.status, body: result ?? undefined };
    },
  });
}

/** The lifecycle actions of `/api/marketplace-orders/{uuid}/…` (orders spec §7.5–§7.17). */
export function orderActionRoutes(app: FastifyInstance): void {
  actionRoute(app, {
    action: 'approve_by_consumer',
    summary: 'Approve as consumer',
    status: 200,
    response: DetailOut,
    body: Empty,
    run: async (tx, actor, id, b) => ({ detail: await approveByConsumer(tx, actor, id, b.reason) }),
  });
  actionRoute(app, {
    action: 'approve_by_provider',
    summary: 'Approve as provider (optional attributes merged into the order)',
    status: 200,
    response: DetailOut,
    body: z.object({ attributes: z.record(z.string(), z.unknown()).optional(), reason }),
    run: async (tx, actor, id, b) => ({
      detail: await approveByProvider(tx, actor, id, b.attributes, b.reason),
    }),
  });
  actionRoute(app, {
    action: 'reject_by_consumer',
    summary: 'Reject as consumer',
    status: 200,
    response: DetailOut,
    body: z.object({
      consumer_rejection_comment: z.string().max(2000).optional(),
      error_message: z.string().optional(),
      error_traceback: z.string().optional(),
    }),
    run: async (tx, actor, id, b) => {
      await rejectByConsumer(tx, actor, id, b);
      return { detail: 'Order has been rejected.' };
    },
  });
  actionRoute(app, {
    action: 'reject_by_provider',
    summary: 'Reject as provider (the comment is shown to the customer)',
    status: 200,
    response: DetailOut,
    body: z.object({ provider_rejection_comment: z.string().max(2000).optional() }),
    run: async (tx, actor, id, b) => {
      await rejectByProvider(tx, actor, id, b.provider_rejection_comment);
      return { detail: 'Order has been rejected.' };
    },
  });
  // The actions whose body is only `reason` and whose answer is a fixed detail.
  const reasonActions: {
    action: OrderAction;
    summary: string;
    status: number;
    use: (tx: Tx, actor: Actor, orderId: number, reason: string | undefined) => Promise<unknown>;
    detail: string;
  }[] = [
    {
      action: 'cancel',
      summary: 'Cancel (Basic and Support offerings)',
      status: 202,
      use: cancelOrder,
      detail: 'Order has been canceled.',
    },
    {
      action: 'retry',
      summary: 'Retry an erred order (Basic and SLURM); the previous error stays in attempts',
      status: 200,
      use: retryOrder,
      detail: 'Order has been submitted for retry.',
    },
    {
      action: 'set_state_executing',
      summary: 'Mark as executing (SLURM site agent)',
      status: 200,
      use: setStateExecuting,
      detail: 'Order has been marked as executing.',
    },
    {
      action: 'set_state_done',
      summary: 'Mark as done (SLURM, Basic, Support)',
      status: 200,
      use: setStateDone,
      detail: 'Order has been marked as done.',
    },
  ];
  for (const a of reasonActions) {
    actionRoute(app, {
      action: a.action,
      summary: a.summary,
      status: a.status,
      response: DetailOut,
      body: Empty,
      run: async (tx, actor, id, b) => {
        await a.use(tx, actor, id, b.reason);
        return { detail: a.detail };
      },
    });
  }

  actionRoute(app, {
    action: 'set_state_erred',
    summary: 'Mark as erred from any state (SLURM site agent)',
    status: 200,
    response: DetailOut,
    body: z.object({ error_message: z.string().optional(), error_traceback: z.string().optional() }),
    run: async (tx, actor, id, b) => {
      await setStateErred(tx, actor, id, b.error_message ?? '', b.error_traceback ?? '');
      return { detail: 'Order has been marked as erred.' };
    },
  });
  actionRoute(app, {
    action: 'set_backend_id',
    summary: 'Record the backend id of the order',
    status: 200,
    response: StatusOut,
    body: z.object({ backend_id: z.string().max(255) }),
    run: async (tx, _actor, id, b) => ({ status: await setOrderBackendId(tx, id, b.backend_id) }),
  });
  actionRoute(app, {
    action: 'unlink',
    summary: 'Remove the order without any backend action (staff)',
    status: 204,
    response: null,
    run: async (tx, actor, id) => {
      await unlinkOrder(tx, actor, id);
      return undefined;
    },
  });
}
