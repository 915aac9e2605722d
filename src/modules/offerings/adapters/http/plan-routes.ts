import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../../platform/errors.js';
import { uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { listRoute, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { createPlan } from '../../app/manage-plans.js';
import { findOffering, visibleProviderOfferings } from '../pg/offering-repository.js';
import { planList } from '../pg/plan-visibility.js';
import { loadPlan } from './plan-loaders.js';
import { planManageRoutes } from './plan-manage-routes.js';
import { presentProviderPlan } from './plan-presenter.js';
import { PlanCreateBody, PlanListQuery, ProviderPlanOut } from './plan-schemas.js';

const tags = ['marketplace-plans'];
const PATH = '/api/marketplace-plans/';

/** `/api/marketplace-plans/…`: plans as their provider manages them. */
export function planRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: PATH,
    operationId: 'marketplace_plans_list',
    summary: 'List plans (provider view)',
    tags,
    query: PlanListQuery,
    out: ProviderPlanOut,
    source: (tx, ctx) => planList(tx, ctx.actor, ctx.query),
    present: (ctx, p) => presentProviderPlan(ctx.base, p),
  });

  addRoute(app, {
    method: 'POST',
    url: PATH,
    operationId: 'marketplace_plans_create',
    summary: 'Create a plan (staff, or OFFERING.CREATE_PLAN on the offering organization)',
    tags,
    body: PlanCreateBody,
    responses: { 201: ProviderPlanOut },
    run: async (tx, ctx) => {
      const { offering: link, ...input } = ctx.body();
      const uuid = uuidFromHyperlink(link, 'marketplace-provider-offerings', 'offering');
      const offering = await findOffering(visibleProviderOfferings(tx, ctx.actor), uuid);
      if (!offering) {
        throw ValidationError.field(
          '/body/offering',
          'Invalid hyperlink - Object does not exist.',
          'invalid_hyperlink',
        );
      }
      const plan = await createPlan(tx, ctx.actor, offering, input);
      return { status: 201, body: presentProviderPlan(ctx.base, await loadPlan(tx, ctx.actor, plan.uuid)) };
    },
  });

  retrieveRoute(app, {
    url: `${PATH}:uuid/`,
    operationId: 'marketplace_plans_retrieve',
    summary: 'Retrieve a plan (provider view)',
    tags,
    out: ProviderPlanOut,
    load: (tx, ctx) => loadPlan(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, obj) => presentProviderPlan(ctx.base, obj),
  });

  planManageRoutes(app);
}
