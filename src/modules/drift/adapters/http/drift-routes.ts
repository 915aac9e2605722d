import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { loadVisibleResource } from '../../../resources/api.js';
import { loadResourceFacts } from '../../../resources/app/resource-facts.js';
import { repairDrift } from '../../app/repair-drift.js';
import { RepairDriftIn, RepairDriftOut } from './drift-schemas.js';

/**
 * `POST /api/marketplace-provider-resources/{uuid}/repair_drift/`: 404 (provider view) → 403 (staff,
 * or RESOURCE.SET_STATE on the offering or its organization, as set_as_ok) → 400 (reason) → the repair
 * (409 `resource.no_drift` when the resource has no open finding or agrees with its orders again).
 */
export function driftRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-provider-resources/:uuid/repair_drift/',
    operationId: 'marketplace_provider_resources_repair_drift',
    summary: 'Orderly: apply the repair the order → resource effect table implies to a drifted resource',
    tags: ['marketplace-provider-resources'],
    params: UuidParams,
    body: RepairDriftIn,
    responses: { 200: RepairDriftOut },
    load: (tx, ctx) => loadVisibleResource(tx, ctx.actor, 'provider', ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      const facts = await loadResourceFacts(tx, rec, ctx.actor);
      if (!ctx.actor.isStaff && !facts.input.caller.grants.setState) throw new ForbiddenError();
      const body = ctx.body();
      return { status: 200, body: await repairDrift(tx, ctx.actor, rec.id, body.reason, new Date()) };
    },
  });
}
