import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { UuidParams, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { listRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { findVisibleCustomer } from '../../../identity/api.js';
import { createOffering } from '../../app/create-offering.js';
import { authorizeOfferingUpdate, updateOffering } from '../../app/update-offering.js';
import { findCategory } from '../pg/category-repository.js';
import { providerOfferingPage } from '../pg/offering-pages.js';
import { filterOfferings, visibleProviderOfferings } from '../pg/offering-repository.js';
import { backendIdRoutes } from './backend-id-routes.js';
import { componentRoutes } from './component-routes.js';
import { offeringActionRoutes } from './offering-action-routes.js';
import {
  loadProviderOffering,
  offeringFilter,
  offeringPartsList,
  presentProviderOfferingById,
} from './offering-loaders.js';
import { presentProviderOffering } from './offering-presenter.js';
import {
  OfferingCreateBody,
  OfferingListQuery,
  OfferingPatchBody,
  ProviderOfferingOut,
} from './offering-schemas.js';
import { offeringUpdateRoutes } from './offering-update-routes.js';
import { offeringGroupRoutes } from './organization-group-routes.js';
import { thumbnailRoutes } from './thumbnail-routes.js';

const tags = ['marketplace-provider-offerings'];
const PATH = '/api/marketplace-provider-offerings/';
const notFound = (field: string) =>
  ValidationError.field(`/body/${field}`, 'Invalid hyperlink - Object does not exist.', 'invalid_hyperlink');

/** `/api/marketplace-provider-offerings/…`: offerings as their provider manages them. */
export function providerOfferingRoutes(app: FastifyInstance, db: Db): void {
  listRoute(app, {
    url: PATH,
    operationId: 'marketplace_provider_offerings_list',
    summary: 'List offerings (provider view)',
    description:
      'Staff and support see every offering; others the offerings of organizations where they hold a role and the offerings they manage.',
    tags,
    query: OfferingListQuery,
    out: ProviderOfferingOut,
    source: (tx, ctx) =>
      offeringPartsList(
        tx,
        filterOfferings(visibleProviderOfferings(tx, ctx.actor), offeringFilter(ctx.query)),
        providerOfferingPage,
        { publicOnly: false },
      ),
    present: (ctx, { offering, parts }) => presentProviderOffering(ctx.base, ctx.actor, offering, parts),
  });

  addRoute(app, {
    method: 'POST',
    url: PATH,
    operationId: 'marketplace_provider_offerings_create',
    summary: 'Create an offering (staff, or OFFERING.CREATE on the service provider organization)',
    description: 'The offering starts in state Draft; components and plans may be created inline.',
    tags,
    body: OfferingCreateBody,
    responses: { 201: ProviderOfferingOut },
    run: async (tx, ctx) => {
      const { customer: customerLink, category: categoryLink, ...input } = ctx.body();
      const customer = await findVisibleCustomer(
        tx,
        ctx.actor,
        uuidFromHyperlink(customerLink, 'customers', 'customer'),
      );
      if (!customer) throw notFound('customer');
      const category = await findCategory(
        tx,
        uuidFromHyperlink(categoryLink, 'marketplace-categories', 'category'),
      );
      if (!category) throw notFound('category');
      const { uuid } = await createOffering(tx, ctx.actor, customer, category, input);
      return { status: 201, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, uuid) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${PATH}:uuid/`,
    operationId: 'marketplace_provider_offerings_retrieve',
    summary: 'Retrieve an offering (provider view)',
    tags,
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: ProviderOfferingOut },
    run: async (tx, ctx) => ({
      status: 200,
      body: sparse(ctx, await presentProviderOfferingById(tx, ctx.base, ctx.actor, ctx.params.uuid)),
    }),
  });

  addRoute(app, {
    method: 'PATCH',
    url: `${PATH}:uuid/`,
    operationId: 'marketplace_provider_offerings_partial_update',
    summary: 'Edit an offering (OFFERING.UPDATE on the offering or its organization)',
    tags,
    params: UuidParams,
    body: OfferingPatchBody,
    responses: { 200: ProviderOfferingOut },
    load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, o) => authorizeOfferingUpdate(tx, ctx.actor, o),
    run: async (tx, ctx, o) => {
      await updateOffering(tx, ctx.actor, o, ctx.body());
      return { status: 200, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid) };
    },
  });

  offeringActionRoutes(app);
  backendIdRoutes(app);
  componentRoutes(app);
  offeringUpdateRoutes(app);
  offeringGroupRoutes(app, db);
  thumbnailRoutes(app);
}
