import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BulkJobOut, presentBulkJob } from '../../modules/bulk-jobs/api.js';
import { createBulkJob } from '../../modules/bulk-jobs/app/create-bulk-job.js';
import { loadBulkJob } from '../../modules/bulk-jobs/app/load-bulk-job.js';
import { BULK_ACTIONS, MAX_BULK_ORDERS } from '../../modules/bulk-jobs/domain/bulk-job.js';
import type { Db } from '../../platform/db/database.js';
import { DomainError } from '../../platform/errors.js';
import { UuidInput } from '../../platform/http/ids.js';
import { addRoute } from '../../platform/http/route.js';
import type { BulkJobStarter } from './workflow.js';

const BulkBody = z.object({
  action: z.enum(BULK_ACTIONS),
  orders: z.array(UuidInput).min(1).max(MAX_BULK_ORDERS),
  reason: z.string().max(2000).optional(),
});

/**
 * `POST /api/marketplace-orders/bulk/`: one action over many orders as a tracked job (202). Every
 * order is checked and applied later by the `bulk-orders` workflow exactly as its single action
 * route would (visibility, permissions, state, the same use case); `GET /api/bulk-jobs/{uuid}/`
 * shows the progress and each order's outcome.
 */
export function bulkOrderRoutes(
  app: FastifyInstance,
  deps: { db: Db; start: BulkJobStarter | undefined },
): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-orders/bulk/',
    operationId: 'marketplace_orders_bulk',
    summary: 'Apply one action to many orders as a durable, tracked job',
    tags: ['marketplace-orders'],
    body: BulkBody,
    responses: { 202: BulkJobOut },
    run: async (tx, ctx) => {
      const b = ctx.body();
      const start = deps.start;
      if (!start)
        throw new DomainError('unprocessable', 'bulk_job.no_workers', 'Bulk jobs need the workflow engine.');
      const job = await createBulkJob(tx, ctx.actor, {
        action: b.action,
        orderUuids: b.orders,
        reason: b.reason ?? '',
      });
      await start(tx, job);
      return { status: 202, body: presentBulkJob(ctx.base, await loadBulkJob(tx, ctx.actor, job.uuid)) };
    },
  });
}
