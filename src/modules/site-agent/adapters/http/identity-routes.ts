import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { ValidationError } from '../../../../platform/errors.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { BoolFlag, listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { authorizeAgents } from '../../app/agent-access.js';
import { deleteAgentObject } from '../../app/delete-agent-object.js';
import { registerIdentity } from '../../app/register-identity.js';
import { updateIdentity } from '../../app/update-identity.js';
import { filterIdentities } from '../pg/agent-filters.js';
import { identityPage } from '../pg/agent-pages.js';
import { servicesOf } from '../pg/agent-records.js';
import { visibleIdentities } from '../pg/agent-visibility.js';
import { DateTimeInput, IdentityBody, IdentityPatchBody } from './agent-inputs.js';
import { loadIdentity, offeringOfBody } from './agent-loaders.js';
import { presentIdentity } from './agent-presenters.js';
import { IdentityOut } from './agent-schemas.js';

const tags = ['marketplace-site-agent-identities'];
const URL = '/api/marketplace-site-agent-identities/';

/** An identity with its services, presented. */
async function presented(tx: Tx, actor: Actor, base: string, uuid: string) {
  const i = await loadIdentity(tx, actor, uuid);
  return presentIdentity(base, i, await servicesOf(tx, actor, [i.id]));
}

/** Body fields of an identity as the use cases take them. */
function inputOf(b: z.output<typeof IdentityPatchBody>) {
  return {
    name: b.name,
    version: b.version,
    dependencies: b.dependencies,
    configFilePath: b.config_file_path,
    configFileContent: b.config_file_content,
    lastRestarted: b.last_restarted,
  };
}

/** `/api/marketplace-site-agent-identities/`: list, create, retrieve, update, delete. */
export function identityRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: URL,
    operationId: 'marketplace_site_agent_identities_list',
    summary: 'List site agent identities of the offerings you see as a provider',
    tags,
    query: listQuery({
      name: z.string().max(150).optional(),
      offering_uuid: UuidInput.optional(),
      version: z.string().max(100).optional(),
      last_restarted: DateTimeInput.optional().meta({ description: 'Last restarted at or after.' }),
      orphaned: BoolFlag.optional().meta({ description: 'Has no services.' }),
    }),
    responses: { 200: z.array(IdentityOut) },
    run: async (tx, ctx) => {
      const q = filterIdentities(visibleIdentities(tx, ctx.actor), ctx.query);
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: async (limit, offset) => {
            const rows = await identityPage(q, limit, offset);
            const services = await servicesOf(
              tx,
              ctx.actor,
              rows.map((r) => r.id),
            );
            return rows.map((i) => presentIdentity(ctx.base, i, services));
          },
        },
        (i) => i,
      );
    },
  });
  addRoute(app, {
    method: 'POST',
    url: URL,
    operationId: 'marketplace_site_agent_identities_create',
    summary: 'Register a site agent identity for an offering you manage',
    tags,
    body: IdentityBody,
    responses: { 201: IdentityOut },
    run: async (tx, ctx) => {
      const b = ctx.body();
      const offering = await offeringOfBody(tx, ctx.actor, b.offering);
      await authorizeAgents(tx, ctx.actor, offering);
      const uuid = await registerIdentity(tx, ctx.actor, {
        ...inputOf(b),
        offeringId: offering.offering_id,
        name: b.name,
      });
      return { status: 201, body: await presented(tx, ctx.actor, ctx.base, uuid) };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: `${URL}:uuid/`,
    operationId: 'marketplace_site_agent_identities_retrieve',
    summary: 'Retrieve a site agent identity with its services',
    tags,
    params: UuidParams,
    responses: { 200: IdentityOut },
    run: async (tx, ctx) => ({
      status: 200,
      body: await presented(tx, ctx.actor, ctx.base, ctx.params.uuid),
    }),
  });
  for (const method of ['PUT', 'PATCH'] as const) {
    addRoute(app, {
      method,
      url: `${URL}:uuid/`,
      operationId:
        method === 'PUT'
          ? 'marketplace_site_agent_identities_update'
          : 'marketplace_site_agent_identities_partial_update',
      summary:
        method === 'PUT'
          ? 'Update a site agent identity (the agent does this on every restart)'
          : 'Update some fields of a site agent identity',
      tags,
      params: UuidParams,
      body: method === 'PUT' ? IdentityBody : IdentityPatchBody,
      responses: { 200: IdentityOut },
      load: (tx, ctx) => loadIdentity(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, i) => authorizeAgents(tx, ctx.actor, i),
      run: async (tx, ctx, i) => {
        const b = ctx.body();
        if (b.offering !== undefined && b.offering !== i.offering_uuid) {
          throw ValidationError.field(
            '/body/offering',
            'The offering of an agent identity cannot be changed.',
          );
        }
        await updateIdentity(tx, i.id, inputOf(b));
        return { status: 200, body: await presented(tx, ctx.actor, ctx.base, i.uuid) };
      },
    });
  }
  addRoute(app, {
    method: 'DELETE',
    url: `${URL}:uuid/`,
    operationId: 'marketplace_site_agent_identities_destroy',
    summary: 'Delete a site agent identity with its services, processors and logs',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadIdentity(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, i) => authorizeAgents(tx, ctx.actor, i),
    run: async (tx, _ctx, i) => {
      await deleteAgentObject(tx, 'identity', i.id);
      return { status: 204 };
    },
  });
}
