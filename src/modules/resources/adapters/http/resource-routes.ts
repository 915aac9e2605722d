import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { hex, objectUrl, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { teamAccounts } from '../../../offering-users/app/team-accounts.js';
import { listTxMode, noteAgentListRequest } from '../../../site-agent/app/note-order-list.js';
import { resourceTeam } from '../../app/resource-team.js';
import { filterResources, orderResources } from '../pg/resource-filters.js';
import { type ResourceView, VIEW_COLLECTION, visibleResources } from '../pg/resource-visibility.js';
import { loadVisibleResource, presentResourceIn, presentResources } from './resource-context.js';
import { ProjectUserOut, ResourceListQuery, ResourceOut } from './resource-schemas.js';

/** operationId prefix of each view, as Waldur's generated client names the operations. */
export const VIEW_OPERATION: Record<ResourceView, string> = {
  consumer: 'marketplace_resources',
  provider: 'marketplace_provider_resources',
};

const VIEW_SUMMARY: Record<ResourceView, string> = {
  consumer: 'resources of projects and organizations you belong to',
  provider: 'resources of offerings your organization provides or you manage',
};

/** List, retrieve and team of one view (`/api/marketplace-resources/` or `…-provider-resources/`). */
function viewRoutes(app: FastifyInstance, view: ResourceView): void {
  const collection = VIEW_COLLECTION[view];
  const op = VIEW_OPERATION[view];
  const tags = [collection];
  addRoute(app, {
    method: 'GET',
    url: `/api/${collection}/`,
    operationId: `${op}_list`,
    summary: `List ${VIEW_SUMMARY[view]} (filters of orders spec §14.3)`,
    tags,
    query: ResourceListQuery,
    responses: { 200: z.array(ResourceOut) },
    // Writes only for a site agent, whose poll marks its offering's agent as seen.
    tx: (ctx) => listTxMode(ctx.req.headers['user-agent']),
    run: async (tx, ctx) => {
      await noteAgentListRequest(
        tx,
        ctx.actor,
        'resources',
        ctx.req.headers['user-agent'],
        ctx.query.offering_uuid,
      );
      const q = filterResources(visibleResources(tx, ctx.actor, view), ctx.query);
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: async (limit, offset) =>
            presentResources(
              tx,
              ctx.base,
              ctx.actor,
              await orderResources(q, ctx.query.o).limit(limit).offset(offset).execute(),
              collection,
            ),
        },
        (resource) => resource,
      );
    },
  });

  retrieveRoute(app, {
    url: `/api/${collection}/:uuid/`,
    operationId: `${op}_retrieve`,
    summary: 'Retrieve a resource with its abilities (and recovery guidance when stuck in Terminating)',
    tags,
    load: (tx, ctx) => loadVisibleResource(tx, ctx.actor, view, ctx.params.uuid),
    out: ResourceOut,
    present: (tx, ctx, rec) => presentResourceIn(tx, ctx.base, ctx.actor, rec, view),
  });

  addRoute(app, {
    method: 'GET',
    url: `/api/${collection}/:uuid/team/`,
    operationId: `${op}_team_list`,
    summary: "The resource project's team (users the site agent provisions)",
    tags,
    params: UuidParams,
    responses: { 200: z.array(ProjectUserOut) },
    // Writes: the team's offering users are reconciled (created) before the read.
    tx: 'write',
    load: (tx, ctx) => loadVisibleResource(tx, ctx.actor, view, ctx.params.uuid),
    run: async (tx, ctx, rec) => {
      const accounts = await teamAccounts(tx, rec.offering_id);
      const body = (await resourceTeam(tx, rec.project_id)).map((m) => ({
        url: objectUrl(ctx.base, 'users', m.uuid),
        uuid: hex(m.uuid),
        username: m.username,
        full_name: m.full_name,
        email: m.email,
        role: m.role,
        expiration_time: m.expiration_time?.toISOString() ?? null,
        // The person's offering user (backend account), if any: null is the client's "none".
        offering_user_username: accounts.get(m.uuid)?.username ?? null,
        offering_user_state: accounts.get(m.uuid)?.state ?? null,
      }));
      ctx.reply.header('X-Result-Count', String(body.length));
      return { status: 200, body };
    },
  });
}

/** The read routes of both resource views (api-contract §5). */
export function resourceRoutes(app: FastifyInstance): void {
  viewRoutes(app, 'consumer');
  viewRoutes(app, 'provider');
}
