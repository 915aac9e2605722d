import type { FastifyInstance } from 'fastify';
import { retrieveRoute } from '../../../../platform/http/read-routes.js';
import { loadBulkJob } from '../../app/load-bulk-job.js';
import { BulkJobOut, presentBulkJob } from './bulk-job-presenter.js';

/** `GET /api/bulk-jobs/{uuid}/`: a bulk job's progress and per-order outcomes (its creator, staff, support). */
export function bulkJobRoutes(app: FastifyInstance): void {
  retrieveRoute(app, {
    url: '/api/bulk-jobs/:uuid/',
    operationId: 'bulk_jobs_retrieve',
    summary: 'A bulk job: state, progress and the outcome of each order',
    tags: ['bulk-jobs'],
    fields: false,
    out: BulkJobOut,
    load: (tx, ctx) => loadBulkJob(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, obj) => presentBulkJob(ctx.base, obj),
  });
}
