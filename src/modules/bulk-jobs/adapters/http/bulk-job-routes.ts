import type { FastifyInstance } from 'fastify';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { loadBulkJob } from '../../app/load-bulk-job.js';
import { BulkJobOut, presentBulkJob } from './bulk-job-presenter.js';

/** `GET /api/bulk-jobs/{uuid}/`: a bulk job's progress and per-order outcomes (its creator, staff, support). */
export function bulkJobRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/bulk-jobs/:uuid/',
    operationId: 'bulk_jobs_retrieve',
    summary: 'A bulk job: state, progress and the outcome of each order',
    tags: ['bulk-jobs'],
    params: UuidParams,
    responses: { 200: BulkJobOut },
    run: async (tx, ctx) => ({
      status: 200,
      body: presentBulkJob(ctx.base, await loadBulkJob(tx, ctx.actor, ctx.params.uuid)),
    }),
  });
}
