import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery, multi } from '../../../../platform/http/query.js';
import { retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { TENANT_STATES } from '../../domain/tenant-state.js';
import { tenantList } from '../pg/tenant-list.js';
import { loadVisibleTenant, type TenantRouteDeps } from './deps.js';
import { presentRuns, presentTenant } from './presenter.js';
import { RunOut, TenantOut } from './schemas.js';

const TenantQuery = listQuery({
  state: multi(z.enum(TENANT_STATES as [string, ...string[]])),
  slug: z.string().max(63).optional(),
  offering_uuid: UuidInput.optional(),
  project_uuid: UuidInput.optional(),
  customer_uuid: UuidInput.optional(),
  provider_uuid: UuidInput.optional(),
  query: z.string().max(200).optional().meta({ description: 'Name or slug contains (case-insensitive).' }),
  o: z.enum(['created', '-created', 'slug', '-slug', 'state', '-state']).optional(),
});

/** `GET /api/tenants/`, `GET /api/tenants/{uuid}/`, `GET /api/tenants/{uuid}/runs/` (tenant spec §9). */
export function tenantRoutes(app: FastifyInstance, deps: TenantRouteDeps): void {
  const ttl = deps.settings.lockTtlMs;
  addRoute(app, {
    method: 'GET',
    url: '/api/tenants/',
    operationId: 'tenants_list',
    summary:
      'Tenants visible to the caller (filters: state, slug, offering, project, organization, provider, query)',
    tags: ['tenants'],
    query: TenantQuery,
    responses: { 200: z.array(TenantOut) },
    run: async (tx, ctx) => {
      const list = tenantList(tx, ctx.actor, ctx.query);
      // A tenant's representation needs queries: present the page inside `rows`.
      const rows = async (limit: number, offset: number) => {
        const out = [];
        for (const r of await list.rows(limit, offset))
          out.push(await presentTenant(tx, ctx.base, ctx.actor, r, ttl));
        return out;
      };
      return respondList(ctx, { count: list.count, rows }, (t) => t);
    },
  });
  retrieveRoute(app, {
    url: '/api/tenants/:uuid/',
    operationId: 'tenants_retrieve',
    summary:
      'A tenant: state, current run, steps with timings, lock holder and heartbeat, last failure, abilities',
    tags: ['tenants'],
    load: (tx, ctx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid),
    out: TenantOut,
    present: (tx, ctx, rec) => presentTenant(tx, ctx.base, ctx.actor, rec, ttl),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/tenants/:uuid/runs/',
    operationId: 'tenants_runs',
    summary: 'Runs of the tenant, newest first, each with its steps and their tries',
    tags: ['tenants'],
    params: UuidParams,
    query: z.object({ kind: z.enum(['provision', 'decommission']).optional() }),
    responses: { 200: z.array(RunOut) },
    load: (tx, ctx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      return { status: 200, body: await presentRuns(tx, rec, ctx.actor, ctx.query.kind) };
    },
  });
}
