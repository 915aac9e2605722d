import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadVisibleOrder, OrderOut, presentOne } from '../../modules/orders/api.js';
import { loadAbilityInput } from '../../modules/orders/app/order-facts.js';
import { assertOrderAction } from '../../modules/orders/domain/abilities.js';
import { ValidationError } from '../../platform/errors.js';
import { UuidInput, UuidParams } from '../../platform/http/ids.js';
import { addRoute } from '../../platform/http/route.js';
import { DetailOut } from '../../platform/http/schemas.js';
import { cancelTermination } from './cancel-termination.js';
import { failureMessage, RemoteApiError, RemoteConfigError, RemoteUnavailableError } from './errors.js';
import { pullRemoteOrder } from './pull.js';

const reason = z.string().max(2000).optional().meta({ description: 'Why (recorded in the audit event).' });

/**
 * The HTTP side of Remote offerings (orders spec §7.21, §17 f, §17 g): Waldur's
 * `cancel_termination` and Orderly's own `pull`. Both follow the usual check order — 404
 * (visibility and, for cancel_termination, type/state/order type) → 403 → 405 → body → use case.
 */
export function remoteOrderRoutes(app: FastifyInstance): void {
  // The router ignores the trailing slash, so this also serves Waldur's slash-less route (quirk 16).
  addRoute(app, {
    method: 'POST',
    url: '/api/remote-waldur-api/cancel_termination/:order_uuid/',
    operationId: 'remote_waldur_api_cancel_termination',
    summary: 'Cancel the termination of a Remote resource (aborts the remote TERMINATE order)',
    description:
      'Remote offerings only: the order must be an executing Terminate order (404 otherwise). ' +
      'Rejects the remote order, then cancels this one; the resource goes back to OK.',
    tags: ['remote-waldur-api'],
    params: z.object({ order_uuid: UuidInput }),
    body: z.object({ reason }),
    responses: { 200: DetailOut },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.order_uuid),
    check: async (tx, ctx, rec) =>
      assertOrderAction('cancel_termination', await loadAbilityInput(tx, rec, ctx.actor)),
    run: async (tx, ctx, rec) => {
      const body = ctx.body();
      await cancelTermination(tx, ctx.actor, rec.id, body.reason);
      return { status: 200, body: { detail: 'Termination has been canceled.' } };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-orders/:uuid/pull/',
    operationId: 'marketplace_orders_pull',
    summary: 'Pull the state of the remote order now (Remote offerings; the remote order’s callback_url)',
    tags: ['marketplace-orders'],
    params: UuidParams,
    body: z.object({}),
    responses: { 200: OrderOut },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, rec) => assertOrderAction('pull', await loadAbilityInput(tx, rec, ctx.actor)),
    run: async (tx, ctx, rec) => {
      ctx.body();
      try {
        await pullRemoteOrder(tx, rec.id);
      } catch (err) {
        if (!isRemoteFailure(err)) throw err;
        throw new ValidationError(
          `The remote Waldur could not be asked: ${failureMessage(err)}`,
          [],
          'remote.pull_failed',
        );
      }
      const after = await loadVisibleOrder(tx, ctx.actor, ctx.params.uuid);
      return { status: 200, body: await presentOne(tx, ctx.base, ctx.actor, after) };
    },
  });
}

function isRemoteFailure(err: unknown): boolean {
  return (
    err instanceof RemoteApiError || err instanceof RemoteUnavailableError || err instanceof RemoteConfigError
  );
}
