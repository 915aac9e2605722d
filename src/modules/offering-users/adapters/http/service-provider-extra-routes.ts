import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { ProjectOut, presentProject } from '../../../identity/api.js';
import { authorizeProviderOrganization, authorizeServiceProvider } from '../../app/provider-access.js';
import { setOfferingsUsername } from '../../app/set-offerings-username.js';
import { providerCustomerId, providerProjectPage, providerProjects } from '../pg/provider-projects.js';
import { userIdByUuid } from '../pg/user-lookup.js';

const P = '/api/marketplace-service-providers/:uuid';
const tags = ['marketplace-service-providers'];
const Moment = z.iso.datetime({ offset: true }).or(z.iso.date());

/** `SshKey` of Waldur's client. */
const SshKeyOut = z
  .object({ uuid: z.string(), name: z.string(), public_key: z.string(), user_uuid: z.string() })
  .meta({ id: 'SshKey' });

/** The service provider's organization id, or 404. */
async function providerCustomer(tx: Parameters<typeof authorizeServiceProvider>[0], uuid: string) {
  const customerId = await providerCustomerId(tx, uuid);
  if (customerId === undefined) throw new NotFoundError('service_provider');
  return customerId;
}

/** `keys/` and `projects/` of a service provider, for its staff and the site agent. */
export function serviceProviderExtraRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: `${P}/keys/`,
    operationId: 'marketplace_service_providers_keys_list',
    summary:
      'SSH keys of the people using the provider’s resources (Orderly stores no SSH keys: always empty)',
    tags,
    params: UuidParams,
    query: listQuery({
      user_uuid: UuidInput.optional(),
      name: z.string().max(150).optional(),
      name_exact: z.string().max(150).optional(),
      is_shared: BoolFlag.optional(),
      created: Moment.optional(),
      modified: Moment.optional(),
    }),
    responses: { 200: z.array(SshKeyOut) },
    run: async (tx, ctx) => {
      await authorizeServiceProvider(tx, ctx.actor, await providerCustomer(tx, ctx.params.uuid));
      return respondList(
        ctx,
        { count: async () => 0, rows: async () => [] },
        (k: z.infer<typeof SshKeyOut>) => k,
      );
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/projects/`,
    operationId: 'marketplace_service_providers_projects_list',
    summary: 'Projects that have a resource (not terminated) of the provider’s offerings',
    tags,
    params: UuidParams,
    query: listQuery({
      query: z.string().max(200).optional(),
      name: z.string().max(200).optional(),
      name_exact: z.string().max(200).optional(),
      customer: multi(UuidInput),
      backend_id: z.string().max(200).optional(),
    }),
    responses: { 200: z.array(ProjectOut) },
    run: async (tx, ctx) => {
      const customerId = await providerCustomer(tx, ctx.params.uuid);
      await authorizeServiceProvider(tx, ctx.actor, customerId);
      const q = providerProjects(tx, customerId, ctx.query);
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: (limit, offset) => providerProjectPage(q, limit, offset),
        },
        (p) => presentProject(ctx.base, p),
      );
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `${P}/set_offerings_username/`,
    operationId: 'marketplace_service_providers_set_offerings_username',
    summary: 'Set one username for a person across the provider’s offerings (owner or service manager)',
    tags,
    params: UuidParams,
    body: z.object({ user_uuid: UuidInput, username: z.string().trim().min(1).max(100) }),
    responses: { 201: z.object({ updated: z.number().int() }) },
    run: async (tx, ctx) => {
      const customerId = await providerCustomer(tx, ctx.params.uuid);
      await authorizeProviderOrganization(tx, ctx.actor, customerId);
      const b = ctx.body();
      const userId = await userIdByUuid(tx, b.user_uuid);
      if (userId === undefined)
        throw ValidationError.field('/body/user_uuid', 'Invalid user - Object does not exist.');
      const updated = await setOfferingsUsername(tx, ctx.actor, customerId, {
        userId,
        username: b.username,
      });
      return { status: 201, body: { updated } };
    },
  });
}
