import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { respondList, sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { listRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { publicOfferingPage } from '../pg/offering-pages.js';
import { loadOfferingParts } from '../pg/offering-parts.js';
import { filterOfferings, findOffering, visiblePublicOfferings } from '../pg/offering-repository.js';
import { offeringFilter, offeringPartsList } from './offering-loaders.js';
import { presentPublicOffering } from './offering-presenter.js';
import { OfferingListQuery, PublicOfferingOut } from './offering-schemas.js';
import { presentPublicPlan } from './plan-presenter.js';
import { PublicPlanListQuery, PublicPlanOut, PublicPlanParams, PublicPlanQuery } from './plan-schemas.js';

const tags = ['marketplace-public-offerings'];
const PATH = '/api/marketplace-public-offerings/';

async function loadPublic(tx: Tx, actor: Actor, uuid: string) {
  const o = await findOffering(visiblePublicOfferings(tx, actor), uuid);
  if (!o) throw new NotFoundError('offering');
  return { offering: o, parts: (await loadOfferingParts(tx, [o.id], { publicOnly: true, actor }))(o.id) };
}

/** `/api/marketplace-public-offerings/…`: the catalogue consumers order from, with public plan URLs. */
export function publicOfferingRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: PATH,
    operationId: 'marketplace_public_offerings_list',
    summary: 'List orderable offerings (Active and Paused)',
    description:
      'Shared offerings are listed to every signed-in user, non-shared ones to the people of their organization.',
    tags,
    query: OfferingListQuery,
    out: PublicOfferingOut,
    source: (tx, ctx) =>
      offeringPartsList(
        tx,
        filterOfferings(visiblePublicOfferings(tx, ctx.actor), offeringFilter(ctx.query)),
        publicOfferingPage,
        { publicOnly: true, actor: ctx.actor },
      ),
    present: (ctx, { offering, parts }) => presentPublicOffering(ctx.base, offering, parts),
  });

  addRoute(app, {
    method: 'GET',
    url: `${PATH}:uuid/`,
    operationId: 'marketplace_public_offerings_retrieve',
    summary: 'Retrieve an orderable offering',
    tags,
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: PublicOfferingOut },
    run: async (tx, ctx) => {
      const { offering, parts } = await loadPublic(tx, ctx.actor, ctx.params.uuid);
      return { status: 200, body: sparse(ctx, presentPublicOffering(ctx.base, offering, parts)) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${PATH}:uuid/plans/`,
    operationId: 'marketplace_public_offerings_plans_list',
    summary: 'List the plans of an orderable offering',
    tags,
    params: UuidParams,
    query: PublicPlanListQuery,
    responses: { 200: z.array(PublicPlanOut) },
    run: async (tx, ctx) => {
      const { parts } = await loadPublic(tx, ctx.actor, ctx.params.uuid);
      return respondList(
        ctx,
        {
          count: async () => parts.plans.length,
          rows: async (limit, offset) => parts.plans.slice(offset, offset + limit),
        },
        (p) => presentPublicPlan(ctx.base, p),
      );
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${PATH}:uuid/plans/:plan_uuid/`,
    operationId: 'marketplace_public_offerings_plans_retrieve',
    summary: 'Retrieve a plan of an orderable offering (its URL is what orders carry)',
    tags,
    params: PublicPlanParams,
    query: PublicPlanQuery,
    responses: { 200: PublicPlanOut },
    run: async (tx, ctx) => {
      const { parts } = await loadPublic(tx, ctx.actor, ctx.params.uuid);
      const plan = parts.plans.find((p) => p.uuid === ctx.params.plan_uuid);
      if (!plan) throw new NotFoundError('plan');
      return { status: 200, body: sparse(ctx, presentPublicPlan(ctx.base, plan)) };
    },
  });
}
