import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { refreshLastSync } from '../../app/refresh-last-sync.js';
import { setAsErred } from '../../app/set-as-erred.js';
import { setAsOk } from '../../app/set-as-ok.js';
import { setResourceBackendId } from '../../app/set-backend-id.js';
import { setBackendMetadata } from '../../app/set-backend-metadata.js';
import { setEndpoints } from '../../app/set-endpoints.js';
import { setResourceLimits } from '../../app/set-limits.js';
import { statusActionRoute } from './resource-action-route.js';
import { reason } from './resource-schemas.js';

const provider = ['provider'] as const;

/** Provider-only actions (orders spec §8 "Where: provider"; what the site agent calls, §13). */
export function providerResourceActionRoutes(app: FastifyInstance): void {
  statusActionRoute(app, {
    name: 'set_as_erred',
    checkedBy: { table: 'resource', action: 'set_as_erred' },
    views: provider,
    summary: 'Set as erred from any state (a state override, not a backend operation)',
    body: z.object({
      error_message: z.string().max(10_000).optional(),
      error_traceback: z.string().max(100_000).optional(),
      reason,
    }),
    use: (tx, actor, rec, b) =>
      setAsErred(tx, actor, rec.id, {
        errorMessage: b.error_message,
        errorTraceback: b.error_traceback,
        reason: b.reason,
      }),
  });
  statusActionRoute(app, {
    name: 'set_as_ok',
    checkedBy: { table: 'resource', action: 'set_as_ok' },
    views: provider,
    summary: 'Set as OK and clear the error fields (no-op for an OK resource)',
    use: (tx, actor, rec, b) => setAsOk(tx, actor, rec.id, b.reason),
  });
  statusActionRoute(app, {
    name: 'set_backend_id',
    checkedBy: { table: 'resource', action: 'set_backend_id' },
    views: provider,
    summary: 'Record the backend id (unique among live resources of the offering)',
    body: z.object({ backend_id: z.string().max(255), reason }),
    use: (tx, actor, rec, b) =>
      setResourceBackendId(tx, actor, rec.id, { backendId: b.backend_id, reason: b.reason }),
  });
  statusActionRoute(app, {
    name: 'set_limits',
    checkedBy: { table: 'resource', action: 'set_limits' },
    views: provider,
    summary: 'Write the limits directly, without an order (site agent)',
    body: z.object({ limits: z.record(z.string(), z.number().nonnegative()), reason }),
    use: (tx, actor, rec, b) => setResourceLimits(tx, actor, rec.id, b),
  });
  statusActionRoute(app, {
    name: 'set_backend_metadata',
    checkedBy: { table: 'bookkeeping', action: 'set_backend_metadata' },
    views: provider,
    summary: 'Replace the backend metadata (site agent)',
    body: z.object({ backend_metadata: z.record(z.string(), z.unknown()), reason }),
    use: (tx, actor, rec, b) =>
      setBackendMetadata(tx, actor, rec.id, {
        backendMetadata: b.backend_metadata,
        reason: b.reason,
      }),
  });
  statusActionRoute(app, {
    name: 'set_endpoints',
    checkedBy: { table: 'bookkeeping', action: 'set_endpoints' },
    views: provider,
    summary: 'Replace the access endpoints (site agent)',
    body: z.object({
      endpoints: z
        .array(z.object({ name: z.string().min(1).max(255), url: z.string().min(1).max(2000) }))
        .max(100),
      reason,
    }),
    use: (tx, actor, rec, b) => setEndpoints(tx, actor, rec.id, b),
  });
  statusActionRoute(app, {
    name: 'refresh_last_sync',
    checkedBy: { table: 'bookkeeping', action: 'refresh_last_sync' },
    views: provider,
    summary: 'Mark the resource as just synchronised (site agent)',
    use: (tx, actor, rec, b) => refreshLastSync(tx, actor, rec.id, b.reason),
  });
}
