import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hex } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../../identity/app/access.js';
import { cleanupOrphanedIdentities } from '../../app/cleanup-orphaned-identities.js';
import { cleanupStaleServices } from '../../app/cleanup-stale-services.js';
import { serviceStateLabel } from '../../domain/agent-states.js';

/** Body of the cleanup actions (Waldur `CleanupRequest`). */
const CleanupBody = z.object({
  dry_run: z.boolean().default(true),
  older_than_hours: z.number().int().min(1).default(24),
});

/** Answer of the cleanup actions (Waldur `CleanupResponse`). */
const CleanupOut = z
  .object({
    deleted_count: z.number().int(),
    dry_run: z.boolean(),
    items: z.array(
      z.object({
        uuid: z.string(),
        name: z.string(),
        offering_name: z.string().optional(),
        created: z.string().optional(),
        identity_name: z.string().optional(),
        state: z.string().optional(),
        modified: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'CleanupResponse' });

/** Staff-only cleanups: identities without services, services untouched for a while. */
export function cleanupRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-site-agent-identities/cleanup_orphaned/',
    operationId: 'marketplace_site_agent_identities_cleanup_orphaned',
    summary: 'Remove agent identities that have no services (staff; dry run by default)',
    tags: ['marketplace-site-agent-identities'],
    body: CleanupBody,
    responses: { 200: CleanupOut },
    run: async (tx, ctx) => {
      requireStaff(ctx.actor);
      const b = ctx.body();
      const items = await cleanupOrphanedIdentities(tx, b.dry_run);
      const body = {
        deleted_count: items.length,
        dry_run: b.dry_run,
        items: items.map((i) => ({ ...i, uuid: hex(i.uuid), created: i.created.toISOString() })),
      };
      return { status: 200, body };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-site-agent-services/cleanup_stale/',
    operationId: 'marketplace_site_agent_services_cleanup_stale',
    summary: 'Remove agent services inactive for older_than_hours (staff; dry run by default)',
    tags: ['marketplace-site-agent-services'],
    body: CleanupBody,
    responses: { 200: CleanupOut },
    run: async (tx, ctx) => {
      requireStaff(ctx.actor);
      const b = ctx.body();
      const items = await cleanupStaleServices(tx, new Date(), b.older_than_hours, b.dry_run);
      const body = {
        deleted_count: items.length,
        dry_run: b.dry_run,
        items: items.map((x) => ({
          ...x,
          uuid: hex(x.uuid),
          state: serviceStateLabel(x.state),
          modified: x.modified.toISOString(),
        })),
      };
      return { status: 200, body };
    },
  });
}
