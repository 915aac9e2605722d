import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { listRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../../identity/app/access.js';
import { createCategory } from '../../app/manage-categories.js';
import { categoryList, findCategoryWithCount } from '../pg/category-repository.js';
import { presentCategory } from './offering-presenter.js';
import { CategoryBody, CategoryListQuery, CategoryOut } from './offering-schemas.js';

const tags = ['marketplace-categories'];

/** `/api/marketplace-categories/…`: the catalogue's sections, visible to every signed-in user. */
export function categoryRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: '/api/marketplace-categories/',
    operationId: 'marketplace_categories_list',
    summary: 'List offering categories',
    tags,
    query: CategoryListQuery,
    out: CategoryOut,
    source: (tx, ctx) => categoryList(tx, ctx.query),
    present: (ctx, c) => presentCategory(ctx.base, c),
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-categories/',
    operationId: 'marketplace_categories_create',
    summary: 'Create an offering category (staff only)',
    tags,
    body: CategoryBody,
    responses: { 201: CategoryOut },
    check: (_tx, ctx) => requireStaff(ctx.actor),
    run: async (tx, ctx) => {
      const row = await createCategory(tx, ctx.actor, ctx.body());
      return { status: 201, body: presentCategory(ctx.base, row) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-categories/:uuid/',
    operationId: 'marketplace_categories_retrieve',
    summary: 'Retrieve an offering category',
    tags,
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: CategoryOut },
    run: async (tx, ctx) => {
      const c = await findCategoryWithCount(tx, ctx.params.uuid);
      if (!c) throw new NotFoundError('category');
      return { status: 200, body: sparse(ctx, presentCategory(ctx.base, c)) };
    },
  });
}
