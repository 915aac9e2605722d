import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { UuidParams, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { respondList, sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { registerServiceProvider, serviceProviders } from '../../app/service-providers.js';
import { findVisibleCustomer } from '../pg/customer-repository.js';
import { presentServiceProvider } from './tenancy-presenter.js';
import { ServiceProviderBody, ServiceProviderListQuery, ServiceProviderOut } from './tenancy-schemas.js';

const tags = ['marketplace-service-providers'];

/** `/api/marketplace-service-providers/…`: organizations that publish offerings. */
export function providerRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-service-providers/',
    operationId: 'marketplace_service_providers_list',
    summary: 'List service providers',
    tags,
    query: ServiceProviderListQuery,
    responses: { 200: z.array(ServiceProviderOut) },
    run: async (tx, ctx) => {
      let q = serviceProviders(tx);
      if (ctx.query.customer_uuid) q = q.where('customers.uuid', '=', ctx.query.customer_uuid);
      return respondList(
        ctx,
        {
          count: () => countRows(q),
          rows: (limit, offset) =>
            q
              .orderBy('service_providers.created')
              .orderBy('service_providers.id')
              .limit(limit)
              .offset(offset)
              .execute(),
        },
        (s) => presentServiceProvider(ctx.base, s),
      );
    },
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
      const s = await serviceProviders(tx)
        .where('service_providers.uuid', '=', ctx.params.uuid)
        .executeTakeFirst();
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
      const customer = await findVisibleCustomer(
        tx,
        ctx.actor,
        uuidFromHyperlink(link, 'customers', 'customer'),
      );
      if (!customer)
        throw ValidationError.field('/body/customer', 'Invalid hyperlink - Object does not exist.');
      const { uuid } = await registerServiceProvider(tx, ctx.actor, customer, input);
      const s = await serviceProviders(tx)
        .where('service_providers.uuid', '=', uuid)
        .executeTakeFirstOrThrow();
      return { status: 201, body: presentServiceProvider(ctx.base, s) };
    },
  });
}
