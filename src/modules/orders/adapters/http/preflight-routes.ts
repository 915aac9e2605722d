import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hex } from '../../../../platform/http/ids.js';
import { STATUS_BY_KIND } from '../../../../platform/http/problem.js';
import { addRoute } from '../../../../platform/http/route.js';
import { type Preflight, preflightOrder } from '../../app/preflight-order.js';
import { createInputFromBody } from './create-order-input.js';
import { CreateOrderBody } from './order-schemas.js';

const num = z.number().nullable();

const StepOut = z.object({
  step: z.enum(['consumer_review', 'project_start', 'provider_review', 'start_date', 'processing']),
  outcome: z.enum(['waits', 'skipped', 'auto_approved', 'done', 'fails']),
  detail: z.string(),
  approvers: z.array(z.object({ uuid: z.string(), username: z.string(), full_name: z.string() })),
});

/** `POST /api/marketplace-orders/preflight/`'s answer. */
export const PreflightOut = z
  .object({
    accepted: z.boolean().meta({ description: 'Whether create would accept this body now.' }),
    problem: z
      .object({
        status: z.number().int(),
        code: z.string(),
        detail: z.string(),
        errors: z.array(z.object({ pointer: z.string(), detail: z.string() })),
      })
      .nullable()
      .meta({ description: 'What create would answer instead (status, code, field errors), when refused.' }),
    state: z.string().nullable().meta({ description: 'The state the order would be in right after create.' }),
    approval_path: z.array(StepOut),
    cost: z.string().nullable().meta({ description: 'Estimated monthly cost of the plan for the limits.' }),
    headroom: z
      .object({
        plan: z
          .object({ uuid: z.string(), name: z.string(), max_amount: num, used: z.number(), remaining: num })
          .nullable(),
        project_resources: z.object({ max: z.number(), used: z.number(), remaining: z.number() }).nullable(),
        components: z.array(
          z.object({
            type: z.string(),
            name: z.string(),
            requested: num,
            min_value: num,
            max_value: num,
            limit_amount: num,
            max_available_limit: num,
          }),
        ),
        auto_approval: z
          .object({
            rule_uuid: z.string(),
            enabled: z.boolean(),
            monthly_cost_limit: z.string(),
            remaining: z.string().nullable(),
            eligible: z.boolean(),
            reason: z.string().nullable(),
          })
          .nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'OrderPreflight' });

/** The preflight verdict as the API shows it (uuids as 32 hex digits, problems as create's). */
export function presentPreflight(p: Preflight): z.infer<typeof PreflightOut> {
  const h = p.headroom;
  return {
    accepted: p.refusal === null,
    problem: p.refusal
      ? {
          status: STATUS_BY_KIND[p.refusal.kind],
          code: p.refusal.code,
          detail: p.refusal.message,
          errors: [...p.refusal.errors],
        }
      : null,
    state: p.state,
    approval_path: p.path.map((s) => ({
      ...s,
      approvers: s.approvers.map((a) => ({ ...a, uuid: hex(a.uuid) })),
    })),
    cost: p.cost,
    headroom: h
      ? {
          plan: h.plan ? { ...h.plan, uuid: hex(h.plan.uuid) } : null,
          project_resources: h.project_resources,
          components: h.components,
          auto_approval: h.auto_approval
            ? { ...h.auto_approval, rule_uuid: hex(h.auto_approval.rule_uuid) }
            : null,
        }
      : null,
  };
}

/** `POST /api/marketplace-orders/preflight/`: would create accept this body, and what happens next. */
export function orderPreflightRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-orders/preflight/',
    operationId: 'marketplace_orders_preflight',
    summary: 'Check an order body without creating anything: verdict, approval path, cost, headroom',
    description:
      'Takes the body of `POST /api/marketplace-orders/` and runs the real create in a transaction that is ' +
      'always rolled back. A body that fails the schema is a 400 as for create; otherwise 200 with ' +
      '`accepted` and, when refused, the `problem` create would answer (same status and `code`).',
    tags: ['marketplace-orders'],
    body: CreateOrderBody,
    responses: { 200: PreflightOut },
    run: async (tx, ctx) => {
      const body = ctx.body();
      const p = await preflightOrder(tx, ctx.actor, () => createInputFromBody(body));
      return { status: 200, body: presentPreflight(p) };
    },
  });
}
