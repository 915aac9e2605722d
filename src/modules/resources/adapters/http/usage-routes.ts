import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../../platform/errors.js';
import { hex, UuidInput } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { usageScope, usageScopeShape } from '../../../../platform/http/marketplace-refs.js';
import { listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { formatDecimal, isDecimal, parseDecimal } from '../../../offerings/domain/decimal.js';
import { setUsage } from '../../app/set-usage.js';
import { findVisibleResource, usageList } from '../pg/resource-lookups.js';
import type { UsageRecord } from '../pg/usage-queries.js';

const tags = ['marketplace-component-usages'];

const Amount = z
  .union([z.string(), z.number()])
  .refine((v) => isDecimal(v) && parseDecimal(v) >= 0n && parseDecimal(v) < 10n ** 22n, {
    message: 'Must be a non-negative decimal with at most 12 integer digits.',
  })
  .transform((v) => formatDecimal(parseDecimal(v)));

const UsageItem = z.object({
  type: z.string().min(1).max(100),
  amount: Amount,
  description: z.string().max(2000).optional(),
  recurring: z.boolean().optional(),
});

/** `ComponentUsageCreateRequest` of Waldur's client. */
const SetUsageBody = z.object({
  usages: z.array(UsageItem).max(100),
  resource: UuidInput.optional(),
  plan_period: UuidInput.optional(),
  date: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});

const SetUsageOut = z
  .object({
    resource: z.string(),
    usages: z.array(
      z.object({ type: z.string(), amount: z.string(), description: z.string(), recurring: z.boolean() }),
    ),
  })
  .meta({ id: 'ComponentUsageCreate' });

const UsageOut = z
  .object({
    uuid: z.string(),
    created: z.string(),
    description: z.string(),
    type: z.string(),
    name: z.string(),
    measured_unit: z.string(),
    usage: z.string(),
    date: z.string(),
    recurring: z.boolean(),
    ...usageScopeShape,
    billing_period: z.string(),
  })
  .meta({ id: 'ComponentUsage' });

function present(u: UsageRecord) {
  return {
    uuid: hex(u.uuid),
    created: u.created.toISOString(),
    description: u.description,
    type: u.type,
    name: u.name,
    measured_unit: u.measured_unit,
    usage: u.usage,
    date: new Date(u.date).toISOString(),
    recurring: u.recurring,
    ...usageScope(u),
    billing_period: u.billing_period,
  };
}

/** `/api/marketplace-component-usages/`: usage reports of the site agent (§13) and their list. */
export function usageRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-component-usages/set_usage/',
    operationId: 'marketplace_component_usages_set_usage',
    summary: 'Report component usages of a resource for the month of `date` (default now)',
    tags,
    body: SetUsageBody,
    // 201 as in Waldur (its generated client raises on any other status).
    responses: { 201: SetUsageOut },
    run: async (tx, ctx) => {
      // The resource is named in the body, so the body comes first; an unseen resource is a 400
      // field error, as an unknown hyperlink is on order create.
      const b = ctx.body();
      if (!b.resource)
        throw ValidationError.field(
          '/body/resource',
          'Plan periods are not supported: send the resource uuid.',
        );
      const resourceUuid = b.resource;
      const rec = await findVisibleResource(tx, ctx.actor, 'provider', resourceUuid);
      if (!rec) throw ValidationError.field('/body/resource', 'Invalid resource - Object does not exist.');
      const usages = b.usages.map((u) => ({
        ...u,
        description: u.description ?? '',
        recurring: u.recurring ?? false,
      }));
      await setUsage(tx, ctx.actor, rec.id, { usages, date: b.date ? new Date(b.date) : new Date() });
      return { status: 201, body: { resource: hex(rec.uuid), usages } };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-component-usages/',
    operationId: 'marketplace_component_usages_list',
    summary: 'List reported component usages of visible resources, newest billing month first',
    tags,
    query: listQuery({
      resource_uuid: UuidInput.optional(),
      offering_uuid: UuidInput.optional(),
      project_uuid: UuidInput.optional(),
      customer_uuid: UuidInput.optional(),
      type: z.string().max(100).optional(),
      billing_period: z.iso.date().optional(),
      date_after: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
      date_before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    }),
    responses: { 200: z.array(UsageOut) },
    run: async (tx, ctx) => {
      return respondList(ctx, usageList(tx, ctx.actor, ctx.query), present);
    },
  });
}
