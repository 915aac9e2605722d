import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hex } from '../../../../platform/http/ids.js';
import { forceDestroyResource } from '../../app/force-destroy-resource.js';
import { resourceActionRoute } from './resource-action-route.js';

/** `force_destroy` body: the reason is required (it is written on the order it fails, too). */
export const ForceDestroyBody = z.object({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .meta({ description: 'Why; kept on the failed in-flight order, the Terminate order and the audit log.' }),
});

/** What a staff force destroy did. */
export const ForceDestroyOut = z
  .object({
    order_uuid: z.string().meta({ description: 'The force_destroy Terminate order.' }),
    order_state: z
      .string()
      .meta({ description: 'Its state after processing started (done, erred, executing).' }),
    failed_order_uuids: z
      .array(z.string())
      .meta({ description: 'The in-flight orders failed first (usually the stuck Terminate order).' }),
    resource_state: z.string(),
  })
  .meta({ id: 'ForceDestroyResult' });

/**
 * `POST …/{uuid}/force_destroy/` (Orderly's own, seed 001 "Recovering a resource stuck in
 * Terminating"): staff recover a resource in one step on either view; checks from the resource
 * action table (`force_destroy`), then one use case in one transaction.
 */
export function forceDestroyRoute(app: FastifyInstance): void {
  resourceActionRoute(app, {
    name: 'force_destroy',
    checkedBy: { table: 'resource', action: 'force_destroy' },
    views: ['consumer', 'provider'],
    summary:
      'Force destroy (staff): fail the order in flight with the reason, then create a force_destroy Terminate order that does not wait for approval',
    responses: { 200: ForceDestroyOut },
    body: ForceDestroyBody,
    run: async (tx, actor, rec, b) => {
      const r = await forceDestroyResource(tx, actor, rec.id, b.reason);
      return {
        status: 200,
        body: {
          order_uuid: hex(r.orderUuid),
          order_state: r.orderState,
          failed_order_uuids: r.failedOrderUuids.map(hex),
          resource_state: r.resourceState,
        },
      };
    },
  });
}
