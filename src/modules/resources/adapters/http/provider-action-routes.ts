import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { StatusOut } from '../../../../platform/http/schemas.js';
import { refreshLastSync } from '../../app/refresh-last-sync.js';
import { setAsErred } from '../../app/set-as-erred.js';
import { setAsOk } from '../../app/set-as-ok.js';
import { setResourceBackendId } from '../../app/set-backend-id.js';
import { setBackendMetadata } from '../../app/set-backend-metadata.js';
import { setEndpoints } from '../../app/set-endpoints.js';
import { setResourceLimits } from '../../app/set-limits.js';
import { resourceActionRoute } from './resource-action-route.js';
import { reason } from './resource-schemas.js';

const provider = ['provider'] as const;
const ok = (status: string) => ({ status: 200, body: { status } });

/** Provider-only actions (orders spec §8 "Where: provider"; what the site agent calls, §13). */
export function providerResourceActionRoutes(app: FastifyInstance): void {
  resourceActionRoute(app, {
    name: 'set_as_erred',
    checkedBy: { table: 'resource', action: 'set_as_erred' },
    views: provider,
    summary: 'Set as erred from any state (a state override, not a backend operation)',
    responses: { 200: StatusOut },
    body: z.object({
      error_message: z.string().max(10_000).optional(),
      error_traceback: z.string().max(100_000).optional(),
      reason,
    }),
    run: async (tx, actor, rec, b) =>
      ok(
        await setAsErred(tx, actor, rec.id, {
          errorMessage: b.error_message,
          errorTraceback: b.error_traceback,
          reason: b.reason,
        }),
      ),
  });
  resourceActionRoute(app, {
    name: 'set_as_ok',
    checkedBy: { table: 'resource', action: 'set_as_ok' },
    views: provider,
    summary: 'Set as OK and clear the error fields (no-op for an OK resource)',
    responses: { 200: StatusOut },
    run: async (tx, actor, rec, b) => ok(await setAsOk(tx, actor, rec.id, b.reason)),
  });
  resourceActionRoute(app, {
    name: 'set_backend_id',
    checkedBy: { table: 'resource', action: 'set_backend_id' },
    views: provider,
    summary: 'Record the backend id (unique among live resources of the offering)',
    responses: { 200: StatusOut },
    body: z.object({ backend_id: z.string().max(255), reason }),
    run: async (tx, actor, rec, b) =>
      ok(await setResourceBackendId(tx, actor, rec.id, { backendId: b.backend_id, reason: b.reason })),
  });
  resourceActionRoute(app, {
    name: 'set_limits',
    checkedBy: { table: 'resource', action: 'set_limits' },
    views: provider,
    summary: 'Write the limits directly, without an order (site agent)',
    responses: { 200: StatusOut },
    body: z.object({ limits: z.record(z.string(), z.number().nonnegative()), reason }),
    run: async (tx, actor, rec, b) => ok(await setResourceLimits(tx, actor, rec.id, b)),
  });
  resourceActionRoute(app, {
    name: 'set_backend_metadata',
    checkedBy: { table: 'bookkeeping', action: 'set_backend_metadata' },
    views: provider,
    summary: 'Replace the backend metadata (site agent)',
    responses: { 200: StatusOut },
    body: z.object({ backend_metadata: z.record(z.string(), z.unknown()), reason }),
    run: async (tx, actor, rec, b) =>
      ok(
        await setBackendMetadata(tx, actor, rec.id, {
          backendMetadata: b.backend_metadata,
          reason: b.reason,
        }),
      ),
  });
  resourceActionRoute(app, {
    name: 'set_endpoints',
    checkedBy: { table: 'bookkeeping', action: 'set_endpoints' },
    views: provider,
    summary: 'Replace the access endpoints (site agent)',
    responses: { 200: StatusOut },
    body: z.object({
      endpoints: z
        .array(z.object({ name: z.string().min(1).max(255), url: z.string().min(1).max(2000) }))
        .max(100),
      reason,
    }),
    run: async (tx, actor, rec, b) => ok(await setEndpoints(tx, actor, rec.id, b)),
  });
  resourceActionRoute(app, {
    name: 'refresh_last_sync',
    checkedBy: { table: 'bookkeeping', action: 'refresh_last_sync' },
    views: provider,
    summary: 'Mark the resource as just synchronised (site agent)',
    responses: { 200: StatusOut },
    run: async (tx, actor, rec, b) => ok(await refreshLastSync(tx, actor, rec.id, b.reason)),
  });
}
