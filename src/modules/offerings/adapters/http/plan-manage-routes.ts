import type { FastifyInstance } from 'fastify';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { archivePlan } from '../../app/archive-plan.js';
import { deletePlan } from '../../app/delete-plan.js';
import {
  authorizePlanChange,
  checkPlanArchivable,
  checkPlanDeletable,
  checkPlanEditable,
} from '../../app/plan-checks.js';
import { updatePlan } from '../../app/update-plan.js';
import { updatePlanPrices } from '../../app/update-plan-prices.js';
import { updatePlanQuotas } from '../../app/update-plan-quotas.js';
import { loadPlan } from './plan-loaders.js';
import { presentProviderPlan } from './plan-presenter.js';
import {
  PlanDetailOut,
  PlanPatchBody,
  PlanPutBody,
  PricesUpdateBody,
  ProviderPlanOut,
  QuotasUpdateBody,
} from './plan-schemas.js';

const tags = ['marketplace-plans'];
const ONE = '/api/marketplace-plans/:uuid/';
const WHO = 'staff, or OFFERING.CREATE_PLAN on the offering organization';

/** Edits of a provider plan: PUT/PATCH, DELETE, `archive`, `update_prices`, `update_quotas`. */
export function planManageRoutes(app: FastifyInstance): void {
  for (const [method, body] of [
    ['PUT', PlanPutBody],
    ['PATCH', PlanPatchBody],
  ] as const) {
    addRoute(app, {
      method,
      url: ONE,
      operationId: method === 'PUT' ? 'marketplace_plans_update' : 'marketplace_plans_partial_update',
      summary: `Edit a plan (${WHO})`,
      description: 'Answers 409 when resources use the plan: change its prices with `update_prices`.',
      tags,
      params: UuidParams,
      body,
      responses: { 200: ProviderPlanOut },
      load: (tx, ctx) => loadPlan(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, plan) => authorizePlanChange(tx, ctx.actor, plan),
      run: async (tx, ctx, plan) => {
        checkPlanEditable(plan);
        const { offering: _ignored, ...changes } = ctx.body();
        await updatePlan(tx, ctx.actor, plan, changes);
        return {
          status: 200,
          body: presentProviderPlan(ctx.base, await loadPlan(tx, ctx.actor, plan.uuid)),
        };
      },
    });
  }

  addRoute(app, {
    method: 'DELETE',
    url: ONE,
    operationId: 'marketplace_plans_destroy',
    summary: `Delete a plan no order or resource refers to (${WHO})`,
    description: 'Answers 409 when orders or resources refer to the plan: archive it instead.',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadPlan(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, plan) => authorizePlanChange(tx, ctx.actor, plan),
    run: async (tx, ctx, plan) => {
      await checkPlanDeletable(tx, plan);
      await deletePlan(tx, ctx.actor, plan);
      return { status: 204 };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `${ONE}archive/`,
    operationId: 'marketplace_plans_archive',
    summary: `Archive a plan: no new orders, existing resources keep it (${WHO})`,
    tags,
    params: UuidParams,
    responses: { 200: PlanDetailOut },
    load: (tx, ctx) => loadPlan(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, plan) => authorizePlanChange(tx, ctx.actor, plan),
    run: async (tx, ctx, plan) => {
      checkPlanArchivable(plan);
      await archivePlan(tx, ctx.actor, plan);
      return { status: 200, body: { detail: 'Plan has been archived.' } };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `${ONE}update_prices/`,
    operationId: 'marketplace_plans_update_prices',
    summary: `Change component prices (${WHO})`,
    description:
      'On a plan resources use, the prices become `future_prices` and apply from the next billing month.',
    tags,
    params: UuidParams,
    body: PricesUpdateBody,
    responses: { 200: ProviderPlanOut },
    load: (tx, ctx) => loadPlan(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, plan) => authorizePlanChange(tx, ctx.actor, plan),
    run: async (tx, ctx, plan) => {
      await updatePlanPrices(tx, ctx.actor, plan, ctx.body().prices);
      return { status: 200, body: presentProviderPlan(ctx.base, await loadPlan(tx, ctx.actor, plan.uuid)) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `${ONE}update_quotas/`,
    operationId: 'marketplace_plans_update_quotas',
    summary: `Change the amounts of fixed components (${WHO})`,
    tags,
    params: UuidParams,
    body: QuotasUpdateBody,
    responses: { 200: ProviderPlanOut },
    load: (tx, ctx) => loadPlan(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, plan) => authorizePlanChange(tx, ctx.actor, plan),
    run: async (tx, ctx, plan) => {
      await updatePlanQuotas(tx, ctx.actor, plan, ctx.body().quotas);
      return { status: 200, body: presentProviderPlan(ctx.base, await loadPlan(tx, ctx.actor, plan.uuid)) };
    },
  });
}
