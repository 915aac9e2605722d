import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { loadVisibleResource } from '../../../resources/api.js';
import { setMembershipSyncStatuses } from '../../app/membership-sync-statuses.js';
import { authorizeProvider } from '../../app/provider-access.js';

/** `MemberSyncStatusReportRequest`. */
const ReportBody = z.object({
  statuses: z
    .array(
      z.object({
        scope_type: z.enum(['resource', 'resource_project']),
        role_name: z.string().min(1).max(150),
        state: z.enum(['error', 'missing_in_idp', 'pending', 'synced']),
        username: z.string().max(150).optional(),
        user_uuid: UuidInput.optional(),
        resource_project_uuid: UuidInput.optional(),
        message: z.string().max(5000).optional(),
      }),
    )
    .max(10000),
});

const ReportOut = z
  .object({ stored: z.number().int(), skipped: z.array(z.string()) })
  .meta({ id: 'MemberSyncStatusReportResult' });

/** The site agent's per-member sync status report of a resource. */
export function membershipSyncRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-provider-resources/:uuid/set_membership_sync_statuses/',
    operationId: 'marketplace_provider_resources_set_membership_sync_statuses',
    summary: 'Replace the per-member sync statuses of a resource (site agent; offering must opt in)',
    description:
      'Needs the `enable_membership_sync_status` plugin option (409 otherwise). Entries whose user cannot be resolved are skipped and echoed back.',
    tags: ['marketplace-provider-resources'],
    params: UuidParams,
    body: ReportBody,
    responses: { 200: ReportOut },
    load: async (tx, ctx) => {
      const rec = await loadVisibleResource(tx, ctx.actor, 'provider', ctx.params.uuid);
      return {
        id: rec.id,
        offering: { id: rec.offering_id, customer_id: rec.provider_customer_id },
        pluginOptions: rec.offering_plugin_options,
      };
    },
    check: (tx, ctx, target) => authorizeProvider(tx, ctx.actor, target.offering),
    run: async (tx, ctx, target) => {
      const result = await setMembershipSyncStatuses(tx, ctx.actor, target, ctx.body().statuses);
      return { status: 200, body: result };
    },
  });
}
