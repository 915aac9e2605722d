import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { respondList, sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../../identity/app/access.js';
import { createCategory } from '../../app/manage-categories.js';
import { categories } from '../pg/category-repository.js';
import { presentCategory } from './offering-presenter.js';
import { CategoryBody, CategoryListQuery, CategoryOut } from './offering-schemas.js';

const tags = ['marketplace-categories'];

/** `/api/marketplace-categories/…`: the catalogue's sections, visible to every signed-in user. */
export function categoryRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-categories/',
    operationId: 'marketplace_categories_list',
    summary: 'List offering categories',
    tags,
    query: CategoryListQuery,
    responses: { 200: z.array(CategoryOut) },
    run: async (tx, ctx) => {
      const q = categories(tx, ctx.query);
      return respondList(
        ctx,
        {
          count: () => countRows(q),
          rows: (limit, offset) =>
            q
              .orderBy('offering_categories.title')
              .orderBy('offering_categories.id')
              .limit(limit)
              .offset(offset)
              .execute(),
        },
        (c) => presentCategory(ctx.base, c),
      );
    },
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
      const c = await categories(tx)
        .where('offering_categories.uuid', '=', ctx.params.uuid)
        .executeTakeFirst();
      if (!c) throw new NotFoundError('category');
      return { status: 200, body: sparse(ctx, presentCategory(ctx.base, c)) };
    },
  });
}
