import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hex, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { StatusOut } from '../../../../platform/http/schemas.js';
import { renewResource } from '../../app/renew-resource.js';
import { switchPlan } from '../../app/switch-plan.js';
import { updateLimits } from '../../app/update-limits.js';
import { updateOptions } from '../../app/update-options.js';
import { orderingActionRoute, resourceActionRoute } from './resource-action-route.js';
import { OrderUuidOut, reason } from './resource-schemas.js';

const consumer = ['consumer'] as const;

/**
 * The plan of a switch_plan body: Waldur's serializer takes a `marketplace-plans` URL; Orderly also
 * accepts the public plan URL that order creation uses (api-contract §3).
 */
function planUuidOf(url: string): string {
  try {
    return uuidFromHyperlink(url, 'marketplace-plans', 'plan');
  } catch {
    return uuidFromHyperlink(url, 'marketplace-public-offerings/[^/]+/plans', 'plan');
  }
}
const limits = z.record(z.string(), z.number().nonnegative());

/** Consumer-only actions that change a resource through UPDATE orders (orders spec §8). */
export function consumerResourceActionRoutes(app: FastifyInstance): void {
  orderingActionRoute(app, {
    name: 'switch_plan',
    checkedBy: { table: 'resource', action: 'switch_plan' },
    views: consumer,
    summary: 'Switch to another plan of the same offering: creates an Update order',
    body: z.object({
      plan: z.string().min(1).meta({
        description:
          'Plan URL `…/marketplace-plans/<p>/` or `…/marketplace-public-offerings/<o>/plans/<p>/`.',
      }),
      reason,
    }),
    create: (tx, actor, rec, b) =>
      switchPlan(tx, actor, rec.id, { planUuid: planUuidOf(b.plan), reason: b.reason }),
  });
  orderingActionRoute(app, {
    name: 'update_limits',
    checkedBy: { table: 'resource', action: 'update_limits' },
    views: consumer,
    summary: 'Change limits: creates an Update order (identical limits are refused)',
    body: z.object({ limits, request_comment: z.string().max(255).optional(), reason }),
    create: (tx, actor, rec, b) =>
      updateLimits(tx, actor, rec.id, {
        limits: b.limits,
        requestComment: b.request_comment,
        reason: b.reason,
      }),
  });
  resourceActionRoute(app, {
    name: 'update_options',
    checkedBy: { table: 'resource', action: 'update_options' },
    views: consumer,
    summary:
      'Change options: directly (200), or through an Update order when the offering asks for one (201)',
    responses: { 200: StatusOut, 201: OrderUuidOut },
    body: z.object({ options: z.record(z.string(), z.unknown()), reason }),
    run: async (tx, actor, rec, b) => {
      const result = await updateOptions(tx, actor, rec.id, b);
      return result.kind === 'order'
        ? { status: 201, body: { order_uuid: hex(result.orderUuid) } }
        : { status: 200, body: { status: result.status } };
    },
  });
  orderingActionRoute(app, {
    name: 'renew',
    checkedBy: { table: 'resource', action: 'renew' },
    views: consumer,
    summary: 'Renew a prepaid resource: creates an Update order with attributes.action = "renew"',
    body: z.object({
      extension_months: z.number().int().min(1).max(120),
      limits: limits.optional(),
      request_comment: z.string().max(255).optional(),
      reason,
    }),
    create: (tx, actor, rec, b) =>
      renewResource(tx, actor, rec.id, {
        extensionMonths: b.extension_months,
        limits: b.limits,
        requestComment: b.request_comment,
        reason: b.reason,
      }),
  });
}
