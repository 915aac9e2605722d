import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { hex, objectUrl, UuidInput, UuidParams, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { usageScope, usageScopeShape } from '../../../../platform/http/marketplace-refs.js';
import { FieldQuery, listQuery } from '../../../../platform/http/query.js';
import { listRoute, orNotFound } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { formatDecimal, isDecimal, parseDecimal } from '../../../offerings/domain/decimal.js';
import { setUserUsages, type UserUsageItem } from '../../app/set-user-usages.js';
import {
  findVisibleComponentUsage,
  findVisibleUserUsage,
  userUsageList,
  visibleUserUsagesByIds,
} from '../pg/user-usage-lists.js';
import type { UserUsageRecord } from '../pg/user-usage-query.js';

const Amount = z
  .union([z.string(), z.number()])
  .refine((v) => isDecimal(v) && parseDecimal(v) >= 0n && parseDecimal(v) < 10n ** 22n, {
    message: 'Must be a non-negative decimal with at most 12 integer digits.',
  })
  .transform((v) => formatDecimal(parseDecimal(v)));

const Moment = z.iso.datetime({ offset: true }).or(z.iso.date());

/** `ComponentUserUsageCreateRequest`. */
const UserUsageBody = z.object({
  username: z.string().trim().min(1).max(150),
  usage: Amount.default('0'),
  user: z.string().max(500).optional(),
  date: Moment.optional(),
  description: z.string().max(2000).optional(),
});

const UserUsageOut = z
  .object({
    uuid: z.string(),
    user: z.string().nullable(),
    username: z.string(),
    component_usage: z.string(),
    usage: z.string(),
    measured_unit: z.string(),
    description: z.string(),
    created: z.string(),
    modified: z.string(),
    backend_id: z.string(),
    ...usageScopeShape,
    component_type: z.string(),
    date: z.string(),
    billing_period: z.string(),
  })
  .meta({ id: 'ComponentUserUsage' });

function present(base: string, r: UserUsageRecord): z.infer<typeof UserUsageOut> {
  return {
    uuid: hex(r.uuid),
    user: r.offering_user_uuid ? objectUrl(base, 'marketplace-offering-users', r.offering_user_uuid) : null,
    username: r.username,
    component_usage: objectUrl(base, 'marketplace-component-usages', r.component_usage_uuid),
    usage: r.usage,
    measured_unit: r.measured_unit,
    description: r.description,
    created: r.created.toISOString(),
    modified: r.modified.toISOString(),
    backend_id: r.backend_id,
    ...usageScope(r),
    component_type: r.component_type,
    date: new Date(r.date).toISOString(),
    billing_period: String(r.billing_period).slice(0, 10),
  };
}

/** The component usage with this uuid if `actor` sees its resource, or 404. */
async function loadComponentUsage(tx: Tx, actor: Actor, uuid: string) {
  return orNotFound(findVisibleComponentUsage(tx, actor, uuid), 'component_usage');
}

const toItem = (b: z.output<typeof UserUsageBody>, i: number | null): UserUsageItem => ({
  username: b.username,
  usage: b.usage,
  offeringUserUuid: b.user
    ? uuidFromHyperlink(b.user, 'marketplace-offering-users', i === null ? 'user' : `usages/${i}/user`)
    : undefined,
  date: b.date ? new Date(b.date) : undefined,
  description: b.description,
});

/** Per-user usages: the agent's `set_user_usage(s)` reports and `/api/marketplace-component-user-usages/`. */
export function userUsageRoutes(app: FastifyInstance): void {
  const report = (action: 'set_user_usages' | 'set_user_usage') =>
    addRoute(app, {
      method: 'POST',
      url: `/api/marketplace-component-usages/:uuid/${action}/`,
      operationId: `marketplace_component_usages_${action}`,
      summary:
        action === 'set_user_usages'
          ? 'Report per-user usages of a monthly component usage, all or none'
          : 'Report one user’s usage of a monthly component usage',
      tags: ['marketplace-component-usages'],
      params: UuidParams,
      body:
        action === 'set_user_usages' ? z.object({ usages: z.array(UserUsageBody).max(1000) }) : UserUsageBody,
      responses: { 201: z.array(UserUsageOut) },
      load: (tx, ctx) => loadComponentUsage(tx, ctx.actor, ctx.params.uuid),
      run: async (tx, ctx, cu) => {
        const body = ctx.body();
        const items = 'usages' in body ? body.usages.map((b, i) => toItem(b, i)) : [toItem(body, null)];
        const ids = await setUserUsages(tx, ctx.actor, cu, items);
        const rows = ids.length ? await visibleUserUsagesByIds(tx, ctx.actor, ids) : [];
        return { status: 201, body: rows.map((r) => present(ctx.base, r)) };
      },
    });
  report('set_user_usages');
  report('set_user_usage');

  listRoute(app, {
    url: '/api/marketplace-component-user-usages/',
    operationId: 'marketplace_component_user_usages_list',
    summary: 'List per-user usages of visible resources',
    tags: ['marketplace-component-user-usages'],
    query: listQuery({
      resource_uuid: UuidInput.optional(),
      offering_uuid: UuidInput.optional(),
      project_uuid: UuidInput.optional(),
      customer_uuid: UuidInput.optional(),
      type: z.string().max(100).optional(),
      username: z.string().max(150).optional(),
      component_usage_billing_period: z.iso.date().optional(),
      billing_period_year: z.coerce.number().int().min(1900).max(9999).optional(),
      billing_period_month: z.coerce.number().int().min(1).max(12).optional(),
      date_after: Moment.optional(),
      date_before: Moment.optional(),
    }),
    out: UserUsageOut,
    source: (tx, ctx) => userUsageList(tx, ctx.actor, ctx.query),
    present: (ctx, r) => present(ctx.base, r),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-component-user-usages/:uuid/',
    operationId: 'marketplace_component_user_usages_retrieve',
    summary: 'Retrieve a per-user usage',
    tags: ['marketplace-component-user-usages'],
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: UserUsageOut },
    run: async (tx, ctx) => {
      const r = await findVisibleUserUsage(tx, ctx.actor, ctx.params.uuid);
      if (!r) throw new NotFoundError('component_user_usage');
      return { status: 200, body: sparse(ctx, present(ctx.base, r)) };
    },
  });
}
