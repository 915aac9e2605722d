import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../../../platform/db/database.js';
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

/** A staff-only cleanup: `clean` deletes (or, on a dry run, lists) and returns the items it touched. */
function cleanupRoute(
  app: FastifyInstance,
  spec: {
    collection: string;
    action: string;
    summary: string;
    clean(tx: Tx, body: z.output<typeof CleanupBody>): Promise<z.output<typeof CleanupOut>['items']>;
  },
): void {
  addRoute(app, {
    method: 'POST',
    url: `/api/${spec.collection}/${spec.action}/`,
    operationId: `${spec.collection.replace(/-/g, '_')}_${spec.action}`,
    summary: spec.summary,
    tags: [spec.collection],
    body: CleanupBody,
    responses: { 200: CleanupOut },
    run: async (tx, ctx) => {
      requireStaff(ctx.actor);
      const b = ctx.body();
      const items = await spec.clean(tx, b);
      return { status: 200, body: { deleted_count: items.length, dry_run: b.dry_run, items } };
    },
  });
}

/** Staff-only cleanups: identities without services, services untouched for a while. */
export function cleanupRoutes(app: FastifyInstance): void {
  cleanupRoute(app, {
    collection: 'marketplace-site-agent-identities',
    action: 'cleanup_orphaned',
    summary: 'Remove agent identities that have no services (staff; dry run by default)',
    clean: async (tx, b) =>
      (await cleanupOrphanedIdentities(tx, b.dry_run)).map((i) => ({
        ...i,
        uuid: hex(i.uuid),
        created: i.created.toISOString(),
      })),
  });
  cleanupRoute(app, {
    collection: 'marketplace-site-agent-services',
    action: 'cleanup_stale',
    summary: 'Remove agent services inactive for older_than_hours (staff; dry run by default)',
    clean: async (tx, b) =>
      (await cleanupStaleServices(tx, new Date(), b.older_than_hours, b.dry_run)).map((x) => ({
        ...x,
        uuid: hex(x.uuid),
        state: serviceStateLabel(x.state),
        modified: x.modified.toISOString(),
      })),
  });
}
