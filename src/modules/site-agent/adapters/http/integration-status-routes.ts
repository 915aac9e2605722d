import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { hex, objectUrl, UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery, multi } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import {
  filterStatuses,
  findVisibleStatus,
  type StatusRow,
  statusPage,
} from '../pg/integration-status-queries.js';
import { IntegrationStatusOut } from './agent-schemas.js';

const tags = ['marketplace-integration-statuses'];
const URL = '/api/marketplace-integration-statuses/';
const STATUSES = ['Active', 'Disconnected', 'Unknown'] as const;

function present(base: string, s: StatusRow): z.output<typeof IntegrationStatusOut> {
  return {
    url: objectUrl(base, 'marketplace-integration-statuses', s.uuid),
    uuid: hex(s.uuid),
    offering: objectUrl(base, 'marketplace-provider-offerings', s.offering_uuid),
    offering_uuid: hex(s.offering_uuid),
    agent_type: s.agent_type,
    status: STATUSES.find((x) => x === s.status) ?? 'Unknown',
    service_name: s.service_name,
    last_request_timestamp: s.last_request_timestamp ? s.last_request_timestamp.toISOString() : null,
  };
}

/** `/api/marketplace-integration-statuses/`: when each kind of agent last called in, per offering. */
export function integrationStatusRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: URL,
    operationId: 'marketplace_integration_statuses_list',
    summary: 'List integration statuses (agent last seen) of the offerings you see as a provider',
    tags,
    query: listQuery({
      offering_uuid: multi(UuidInput),
      agent_type: z.string().max(50).optional(),
      status: multi(z.string().max(20)),
    }),
    responses: { 200: z.array(IntegrationStatusOut) },
    run: async (tx, ctx) => {
      const q = filterStatuses(tx, ctx.actor, ctx.query);
      return respondList(
        ctx,
        { count: (upTo) => countRows(tx, q, upTo), rows: (limit, offset) => statusPage(q, limit, offset) },
        (s) => present(ctx.base, s),
      );
    },
  });
  addRoute(app, {
    method: 'GET',
    url: `${URL}:uuid/`,
    operationId: 'marketplace_integration_statuses_retrieve',
    summary: 'Retrieve an integration status',
    tags,
    params: UuidParams,
    responses: { 200: IntegrationStatusOut },
    run: async (tx, ctx) => {
      const s = await findVisibleStatus(tx, ctx.actor, ctx.params.uuid);
      if (!s) throw new NotFoundError('integration_status');
      return { status: 200, body: present(ctx.base, s) };
    },
  });
}
