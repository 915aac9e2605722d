import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InvalidStateError } from '../../../../platform/errors.js';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { loadResourceFacts } from '../../../resources/app/resource-facts.js';
import { assertResourceAction } from '../../../resources/domain/abilities.js';
import { decommissionTenant } from '../../app/decommission-tenant.js';
import { resetTenant } from '../../app/reset-tenant.js';
import { assertCreationOrderErred } from '../../app/retry-checks.js';
import { retryProvisioning } from '../../app/retry-provisioning.js';
import { revealSetupLink } from '../../app/setup-link.js';
import { loadTenantFacts } from '../../app/tenant-facts.js';
import { assertTenantAction, retryWarning } from '../../domain/abilities.js';
import { tenantResource } from '../pg/tenant-lookup.js';
import { loadVisibleTenant, type TenantRouteDeps } from './deps.js';
import { presentTenant } from './presenter.js';
import { TenantOut } from './schemas.js';

const Reason = z.string().trim().min(1, 'A reason is required.').max(2000);
/** `force` / `force_destroy` read before the body is validated: a staff-only flag is a 403, which precedes 409 (§6). */
const flag = (raw: unknown, name: string) =>
  typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)[name] === true;

/** `POST /api/tenants/{uuid}/retry|reset|decommission|setup_link/` (tenant spec §6), checked 401 → 404 → 403 → 409 → 400. */
export function tenantActionRoutes(
  app: FastifyInstance,
  deps: TenantRouteDeps & { secrets?: SecretBox | undefined },
): void {
  const ttl = deps.settings.lockTtlMs;
  addRoute(app, {
    method: 'POST',
    url: '/api/tenants/:uuid/retry/',
    operationId: 'tenants_retry',
    summary: 'Retry provisioning of a Failed tenant (the creation order is retried too): attempt n+1',
    description: 'Same use case as retrying the creation order. `warning` carries the two-retries guidance.',
    tags: ['tenants'],
    params: UuidParams,
    body: z.object({ reason: z.string().max(2000).optional() }),
    responses: { 200: TenantOut.extend({ warning: z.string().nullable() }) },
    load: async (tx, ctx) => {
      const rec = await loadVisibleTenant(tx, ctx.actor, ctx.params.uuid);
      return { rec, facts: await loadTenantFacts(tx, rec, ctx.actor, ttl) };
    },
    check: async (tx, _ctx, { rec, facts }) => {
      assertTenantAction('retry', facts);
      await assertCreationOrderErred(tx, rec.creation_order_id);
    },
    run: async (tx, ctx, { rec, facts }) => {
      const body = ctx.body();
      await retryProvisioning(
        tx,
        ctx.actor,
        { id: rec.id, creationOrderId: rec.creation_order_id },
        body.reason,
      );
      const fresh = await loadVisibleTenant(tx, ctx.actor, ctx.params.uuid);
      const tenant = await presentTenant(tx, ctx.base, ctx.actor, fresh, ttl);
      return { status: 200, body: { ...tenant, warning: retryWarning(facts.failedAttempts) } };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/tenants/:uuid/reset/',
    operationId: 'tenants_reset',
    summary: 'Reset a stuck run or a stale lock without starting an attempt (staff may force a fresh lock)',
    tags: ['tenants'],
    params: UuidParams,
    body: z.object({ reason: Reason, force: z.boolean().optional() }),
    responses: { 200: TenantOut },
    load: (tx, ctx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, rec) =>
      assertTenantAction(
        flag(ctx.req.body, 'force') ? 'reset_force' : 'reset',
        await loadTenantFacts(tx, rec, ctx.actor, ttl),
      ),
    run: async (tx, ctx, rec) => {
      const b = ctx.body();
      const r = await resetTenant(tx, ctx.actor, rec.id, { reason: b.reason, force: b.force === true }, ttl);
      const fresh = await loadVisibleTenant(tx, ctx.actor, ctx.params.uuid);
      const cancel = r.cancelWorkflowId;
      const cancelRun = deps.cancelRun;
      return {
        status: 200,
        body: await presentTenant(tx, ctx.base, ctx.actor, fresh, ttl),
        // After commit: the run is `reset` and fenced off already; cancelling only spares the engine a resume.
        ...(cancel && cancelRun ? { afterCommit: () => cancelRun(cancel) } : {}),
      };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/tenants/:uuid/decommission/',
    operationId: 'tenants_decommission',
    summary: 'Decommission (terminal): creates a TERMINATE order; compensations then release slot and slug',
    tags: ['tenants'],
    params: UuidParams,
    body: z.object({ reason: Reason, force_destroy: z.boolean().optional() }),
    responses: { 200: z.object({ order_uuid: z.string() }) },
    load: (tx, ctx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, rec) => {
      const force = flag(ctx.req.body, 'force_destroy');
      assertTenantAction(
        force ? 'force_destroy' : 'decommission',
        await loadTenantFacts(tx, rec, ctx.actor, ttl),
      );
      const rf = await loadResourceFacts(tx, await tenantResource(tx, rec.resource_id), ctx.actor);
      assertResourceAction('terminate', rf.input);
      if (force) assertResourceAction('force_destroy', rf.input);
    },
    run: async (tx, ctx, rec) => {
      const b = ctx.body();
      const uuid = await decommissionTenant(
        tx,
        ctx.actor,
        { id: rec.id, resourceId: rec.resource_id },
        {
          reason: b.reason,
          forceDestroy: b.force_destroy === true,
        },
      );
      return { status: 200, body: { order_uuid: hex(uuid) } };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/tenants/:uuid/setup_link/',
    operationId: 'tenants_setup_link',
    summary: "The tenant admin's one-time setup link, shown once (to whoever ordered the tenant, or staff)",
    tags: ['tenants'],
    params: UuidParams,
    responses: { 200: z.object({ url: z.string(), expires_at: z.string() }) },
    load: (tx, ctx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      if (!deps.secrets)
        throw new InvalidStateError(
          'tenant.setup_link_unavailable',
          'This server cannot open sealed setup links.',
        );
      const link = await revealSetupLink(tx, ctx.actor, deps.secrets, {
        id: rec.id,
        state: rec.state,
        adminConsoleUrl: rec.admin_console_url,
        orderedBy: rec.creation_order_created_by,
      });
      return { status: 200, body: link };
    },
  });
}
