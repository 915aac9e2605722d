import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { authorizeAgents } from '../../app/agent-access.js';
import { deleteAgentObject } from '../../app/delete-agent-object.js';
import { registerProcessor } from '../../app/register-processor.js';
import { setServiceStatistics } from '../../app/set-service-statistics.js';
import { serviceStateCodes } from '../../domain/agent-states.js';
import { filterServices } from '../pg/agent-filters.js';
import { servicePage, visibleProcessorById } from '../pg/agent-pages.js';
import { processorsOf } from '../pg/agent-records.js';
import { visibleServices } from '../pg/agent-visibility.js';
import { DateTimeInput, ProcessorBody, StatisticsBody } from './agent-inputs.js';
import { loadService } from './agent-loaders.js';
import { presentProcessor, presentService } from './agent-presenters.js';
import { ProcessorOut, ServiceOut } from './agent-schemas.js';

const tags = ['marketplace-site-agent-services'];
const URL = '/api/marketplace-site-agent-services/';

/** `/api/marketplace-site-agent-services/`: list, retrieve, delete, register_processor, set_statistics. */
export function serviceRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: URL,
    operationId: 'marketplace_site_agent_services_list',
    summary: 'List services of the site agents you see',
    tags,
    query: listQuery({
      identity_uuid: UuidInput.optional(),
      offering_uuid: UuidInput.optional(),
      mode: z.string().max(100).optional(),
      state: multi(z.string().max(20)).meta({
        description: 'State code (1, 2, 3) or label (Active, Idle, Error).',
      }),
      stale: BoolFlag.optional().meta({ description: 'Inactive for more than 24 hours.' }),
      modified_before: DateTimeInput.optional(),
      modified_after: DateTimeInput.optional(),
    }),
    responses: { 200: z.array(ServiceOut) },
    run: async (tx, ctx) => {
      const f = { ...ctx.query, state: ctx.query.state ? serviceStateCodes(ctx.query.state) : undefined };
      const q = filterServices(visibleServices(tx, ctx.actor), f, new Date());
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: async (limit, offset) => {
            const rows = await servicePage(q, limit, offset);
            const processors = await processorsOf(
              tx,
              ctx.actor,
              rows.map((r) => r.id),
            );
            return rows.map((s) => presentService(ctx.base, s, processors));
          },
        },
        (s) => s,
      );
    },
  });
  addRoute(app, {
    method: 'GET',
    url: `${URL}:uuid/`,
    operationId: 'marketplace_site_agent_services_retrieve',
    summary: 'Retrieve a site agent service with its processors',
    tags,
    params: UuidParams,
    responses: { 200: ServiceOut },
    load: (tx, ctx) => loadService(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, s) => {
      return { status: 200, body: presentService(ctx.base, s, await processorsOf(tx, ctx.actor, [s.id])) };
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: `${URL}:uuid/`,
    operationId: 'marketplace_site_agent_services_destroy',
    summary: 'Delete a site agent service and its processors',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadService(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, s) => authorizeAgents(tx, ctx.actor, s),
    run: async (tx, _ctx, s) => {
      await deleteAgentObject(tx, 'service', s.id);
      return { status: 204 };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: `${URL}:uuid/register_processor/`,
    operationId: 'marketplace_site_agent_services_register_processor',
    summary: 'Register a processor of the service, or refresh the one of that name (200)',
    tags,
    params: UuidParams,
    body: ProcessorBody,
    responses: { 200: ProcessorOut, 201: ProcessorOut },
    load: (tx, ctx) => loadService(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, s) => authorizeAgents(tx, ctx.actor, s),
    run: async (tx, ctx, s) => {
      const b = ctx.body();
      const made = await registerProcessor(tx, s.id, {
        name: b.name,
        backendType: b.backend_type,
        backendVersion: b.backend_version,
      });
      const p = await visibleProcessorById(tx, ctx.actor, made.id);
      return { status: made.created ? 201 : 200, body: presentProcessor(ctx.base, p) };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: `${URL}:uuid/set_statistics/`,
    operationId: 'marketplace_site_agent_services_set_statistics',
    summary: 'Replace the statistics of the service',
    tags,
    params: UuidParams,
    body: StatisticsBody,
    responses: { 200: ServiceOut },
    load: (tx, ctx) => loadService(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, s) => authorizeAgents(tx, ctx.actor, s),
    run: async (tx, ctx, s) => {
      await setServiceStatistics(tx, s.id, ctx.body().statistics);
      const fresh = await loadService(tx, ctx.actor, s.uuid);
      return {
        status: 200,
        body: presentService(ctx.base, fresh, await processorsOf(tx, ctx.actor, [s.id])),
      };
    },
  });
}
