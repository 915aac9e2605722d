import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { pageWindow, setPageHeaders } from '../../../../platform/http/pagination.js';
import { FieldQuery, listQuery, multi } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { TENANT_STATES } from '../../domain/tenant-state.js';
import { visibleTenants } from '../pg/tenant-query.js';
import { loadVisibleTenant, type TenantRouteDeps } from './deps.js';
import { presentRuns, presentTenant } from './presenter.js';
import { RunOut, TenantOut } from './schemas.js';

const ORDERINGS = { created: 't.created', slug: 't.slug', state: 't.state' } as const;

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
      const f = ctx.query;
      let q = visibleTenants(tx, ctx.actor);
      if (f.state?.length) q = q.where('t.state', 'in', f.state);
      if (f.slug) q = q.where('t.slug', '=', f.slug);
      if (f.offering_uuid) q = q.where('f.uuid', '=', f.offering_uuid);
      if (f.project_uuid) q = q.where('p.uuid', '=', f.project_uuid);
      if (f.customer_uuid) q = q.where('c.uuid', '=', f.customer_uuid);
      if (f.provider_uuid) q = q.where('pc.uuid', '=', f.provider_uuid);
      if (f.query) {
        const like = `%${f.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) => eb.or([eb('t.name', 'ilike', like), eb('t.slug', 'ilike', like)]));
      }
      const o = f.o ?? 'created';
      const column = ORDERINGS[o.replace('-', '') as keyof typeof ORDERINGS];
      const dir = o.startsWith('-') ? 'desc' : 'asc';
      // respondList's presenter is synchronous; a tenant's representation needs queries, so the
      // same paging rules are applied here.
      const page = { page: f.page, page_size: f.page_size };
      const total = await countRows(q);
      if (page.page > 1 && (page.page - 1) * page.page_size >= total)
        throw new NotFoundError('page', 'Invalid page.');
      setPageHeaders(ctx.req, ctx.reply, page, total);
      if (ctx.req.method === 'HEAD') return { status: 200 };
      const { limit, offset } = pageWindow(page);
      const recs = await q.orderBy(column, dir).orderBy('t.id', dir).limit(limit).offset(offset).execute();
      const out = [];
      for (const r of recs) out.push(await presentTenant(tx, ctx.base, ctx.actor, r, ttl));
      return { status: 200, body: sparse(ctx, out) };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/tenants/:uuid/',
    operationId: 'tenants_retrieve',
    summary:
      'A tenant: state, current run, steps with timings, lock holder and heartbeat, last failure, abilities',
    tags: ['tenants'],
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: TenantOut },
    load: (tx, ctx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      return { status: 200, body: sparse(ctx, await presentTenant(tx, ctx.base, ctx.actor, rec, ttl)) };
    },
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
