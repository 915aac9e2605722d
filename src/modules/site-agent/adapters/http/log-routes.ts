import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { ValidationError } from '../../../../platform/errors.js';
import { UuidInput } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { authorizeAgents } from '../../app/agent-access.js';
import { pushLogs } from '../../app/push-logs.js';
import { filterLogs } from '../pg/agent-filters.js';
import { logPage, visibleLogsByIds } from '../pg/agent-pages.js';
import { findIdentity } from '../pg/agent-records.js';
import { visibleLogs } from '../pg/agent-visibility.js';
import { LogsBody } from './agent-inputs.js';
import { presentLog } from './agent-presenters.js';
import { LogOut } from './agent-schemas.js';

const tags = ['marketplace-site-agent-logs'];
const URL = '/api/marketplace-site-agent-logs/';

/** `/api/marketplace-site-agent-logs/`: agents push batches of log lines; providers read them newest first. */
export function logRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: URL,
    operationId: 'marketplace_site_agent_logs_list',
    summary: 'List site agent log lines, newest first',
    tags,
    query: listQuery({
      offering_uuid: UuidInput.optional(),
      agent_identity_uuid: UuidInput.optional(),
      level: z.string().max(20).optional(),
      timestamp_from: z.coerce.number().finite().optional(),
      timestamp_to: z.coerce.number().finite().optional(),
    }),
    responses: { 200: z.array(LogOut) },
    run: async (tx, ctx) => {
      const q = filterLogs(visibleLogs(tx, ctx.actor), ctx.query);
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: (limit, offset) => logPage(q, limit, offset),
        },
        (l) => presentLog(ctx.base, l),
      );
    },
  });
  addRoute(app, {
    method: 'POST',
    url: URL,
    operationId: 'marketplace_site_agent_logs_create',
    summary: 'Push a batch (JSON array) of log lines of agents you manage',
    tags,
    body: LogsBody,
    responses: { 201: z.array(LogOut) },
    run: async (tx, ctx) => {
      const entries = ctx.body();
      const identities = new Map<string, number>();
      for (const [n, e] of entries.entries()) {
        if (identities.has(e.agent_identity_uuid)) continue;
        const i = await findIdentity(tx, ctx.actor, e.agent_identity_uuid);
        if (!i) {
          throw ValidationError.field(
            `/body/${n}/agent_identity_uuid`,
            `Object with uuid=${e.agent_identity_uuid} does not exist.`,
            'does_not_exist',
          );
        }
        await authorizeAgents(tx, ctx.actor, i);
        identities.set(e.agent_identity_uuid, i.id);
      }
      const ids = await pushLogs(
        tx,
        entries.map((e) => ({ ...e, identityId: identities.get(e.agent_identity_uuid) ?? 0 })),
      );
      const rows = ids.length ? await visibleLogsByIds(tx, ctx.actor, ids) : [];
      return { status: 201, body: rows.map((l) => presentLog(ctx.base, l)) };
    },
  });
}
