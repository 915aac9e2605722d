import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { BoolFlag, listQuery } from '../../../../platform/http/query.js';
import { retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { authorizeAgents } from '../../app/agent-access.js';
import { deleteAgentObject } from '../../app/delete-agent-object.js';
import { filterProcessors } from '../pg/agent-filters.js';
import { processorPage } from '../pg/agent-pages.js';
import { visibleProcessors } from '../pg/agent-visibility.js';
import { DateTimeInput } from './agent-inputs.js';
import { loadProcessor } from './agent-loaders.js';
import { presentProcessor } from './agent-presenters.js';
import { ProcessorOut } from './agent-schemas.js';

const tags = ['marketplace-site-agent-processors'];
const URL = '/api/marketplace-site-agent-processors/';

/** `/api/marketplace-site-agent-processors/`: list, retrieve, delete (agents register them via services). */
export function processorRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: URL,
    operationId: 'marketplace_site_agent_processors_list',
    summary: 'List processors of the site agents you see',
    tags,
    query: listQuery({
      service_uuid: UuidInput.optional(),
      offering_uuid: UuidInput.optional(),
      backend_type: z.string().max(100).optional(),
      backend_version: z.string().max(100).optional(),
      last_run: DateTimeInput.optional().meta({ description: 'Last run at or after.' }),
      last_run_before: DateTimeInput.optional(),
      stale: BoolFlag.optional().meta({ description: 'Last run more than 1 hour ago.' }),
    }),
    responses: { 200: z.array(ProcessorOut) },
    run: async (tx, ctx) => {
      const q = filterProcessors(visibleProcessors(tx, ctx.actor), ctx.query, new Date());
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: (limit, offset) => processorPage(q, limit, offset),
        },
        (p) => presentProcessor(ctx.base, p),
      );
    },
  });
  retrieveRoute(app, {
    url: `${URL}:uuid/`,
    operationId: 'marketplace_site_agent_processors_retrieve',
    summary: 'Retrieve a site agent processor',
    tags,
    fields: false,
    out: ProcessorOut,
    load: (tx, ctx) => loadProcessor(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, obj) => presentProcessor(ctx.base, obj),
  });
  addRoute(app, {
    method: 'DELETE',
    url: `${URL}:uuid/`,
    operationId: 'marketplace_site_agent_processors_destroy',
    summary: 'Delete a site agent processor',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadProcessor(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, p) => authorizeAgents(tx, ctx.actor, p),
    run: async (tx, _ctx, p) => {
      await deleteAgentObject(tx, 'processor', p.id);
      return { status: 204 };
    },
  });
}
