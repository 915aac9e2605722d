import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { listRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { registerServiceProvider } from '../../app/service-providers.js';
import { findServiceProvider, serviceProviderList } from '../pg/provider-lookups.js';
import { customerOfBody } from './customer-ref.js';
import { presentServiceProvider } from './tenancy-presenter.js';
import { ServiceProviderBody, ServiceProviderListQuery, ServiceProviderOut } from './tenancy-schemas.js';

const tags = ['marketplace-service-providers'];

/** `/api/marketplace-service-providers/…`: organizations that publish offerings. */
export function providerRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: '/api/marketplace-service-providers/',
    operationId: 'marketplace_service_providers_list',
    summary: 'List service providers',
    tags,
    query: ServiceProviderListQuery,
    out: ServiceProviderOut,
    source: (tx, ctx) => serviceProviderList(tx, ctx.query),
    present: (ctx, s) => presentServiceProvider(ctx.base, s),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-service-providers/:uuid/',
    operationId: 'marketplace_service_providers_retrieve',
    summary: 'Retrieve a service provider',
    tags,
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: ServiceProviderOut },
    run: async (tx, ctx) => {
      const s = await findServiceProvider(tx, ctx.params.uuid);
      if (!s) throw new NotFoundError('service_provider');
      return { status: 200, body: sparse(ctx, presentServiceProvider(ctx.base, s)) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-service-providers/',
    operationId: 'marketplace_service_providers_create',
    summary: 'Register an organization as a service provider (staff or its owner)',
    tags,
    body: ServiceProviderBody,
    responses: { 201: ServiceProviderOut },
    run: async (tx, ctx) => {
      const { customer: link, ...input } = ctx.body();
      const customer = await customerOfBody(tx, ctx.actor, link);

      const { uuid } = await registerServiceProvider(tx, ctx.actor, customer, input);
      const s = await findServiceProvider(tx, uuid);
      if (!s) throw new NotFoundError('service_provider');
      return { status: 201, body: presentServiceProvider(ctx.base, s) };
    },
  });
}
