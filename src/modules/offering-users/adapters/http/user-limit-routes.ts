import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import {
  hex,
  normalizeUuid,
  objectUrl,
  UuidInput,
  UuidParams,
  uuidFromHyperlink,
} from '../../../../platform/http/ids.js';
import { listQuery } from '../../../../platform/http/query.js';
import { listRoute, orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { formatDecimal, isDecimal, parseDecimal } from '../../../offerings/domain/decimal.js';
import { createUserLimit } from '../../app/create-user-limit.js';
import { deleteUserLimit } from '../../app/delete-user-limit.js';
import { updateUserLimit } from '../../app/update-user-limit.js';
import { authorizeUserLimits } from '../../app/user-limit-access.js';
import { userLimitList } from '../pg/offering-user-lists.js';
import type { UserLimitRecord } from '../pg/user-limit-query.js';
import {
  findLimitResource,
  findVisibleUserLimit,
  offeringComponentId,
  offeringUserId,
} from '../pg/user-limit-refs.js';

const PATH = '/api/component-user-usage-limits/';
const tags = ['component-user-usage-limits'];

const Limit = z
  .union([z.string(), z.number()])
  .refine((v) => isDecimal(v) && parseDecimal(v) >= 0n && parseDecimal(v) < 10n ** 22n, {
    message: 'Must be a non-negative decimal with at most 12 integer digits.',
  })
  .transform((v) => formatDecimal(parseDecimal(v)));

/** `ComponentUserUsageLimitRequest`; `user` is an offering user link, uuid or username. */
const LimitBody = z.object({
  resource: z.string().min(1).max(500),
  component: UuidInput,
  user: z.string().min(1).max(500),
  limit: Limit.default('0'),
});

const LimitOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    resource: z.string(),
    component: z.string(),
    component_type: z.string(),
    user: z.string(),
    limit: z.string(),
  })
  .meta({ id: 'ComponentUserUsageLimit' });

const present = (base: string, l: UserLimitRecord): z.infer<typeof LimitOut> => ({
  url: objectUrl(base, 'component-user-usage-limits', l.uuid),
  uuid: hex(l.uuid),
  resource: objectUrl(base, 'marketplace-resources', l.resource_uuid),
  component: hex(l.component_uuid),
  component_type: l.component_type,
  user: l.username ?? '',
  limit: l.limit,
});

const resourceOf = (l: UserLimitRecord) => ({
  id: l.resource_id,
  offering_id: l.offering_id,
  provider_customer_id: l.provider_customer_id,
  project_id: l.project_id,
  customer_id: l.customer_id,
});

async function loadLimit(tx: Tx, actor: Actor, uuid: string): Promise<UserLimitRecord> {
  return orNotFound(findVisibleUserLimit(tx, actor, uuid), 'component_user_usage_limit');
}

/** Resolves the create body's references; each unknown one is a 400 naming its field. */
async function resolveRefs(tx: Tx, actor: Actor, b: z.output<typeof LimitBody>) {
  const collection = b.resource.includes('/marketplace-provider-resources/')
    ? 'marketplace-provider-resources'
    : 'marketplace-resources';
  const resourceUuid = uuidFromHyperlink(b.resource, collection, 'resource');
  const r = await findLimitResource(tx, actor, resourceUuid);
  if (!r) throw ValidationError.field('/body/resource', 'Invalid resource - Object does not exist.');
  const componentId = await offeringComponentId(tx, r.offering_id, b.component);
  if (componentId === undefined)
    throw ValidationError.field('/body/component', 'Not a component of the resource’s offering.');
  const byUuid = b.user.includes('/')
    ? uuidFromHyperlink(b.user, 'marketplace-offering-users', 'user')
    : normalizeUuid(b.user);
  const offeringUser = await offeringUserId(tx, r.offering_id, { uuid: byUuid, username: b.user });
  if (offeringUser === undefined)
    throw ValidationError.field('/body/user', 'Not an offering user of the resource’s offering.');
  return { resource: r, componentId, offeringUserId: offeringUser };
}

/** `/api/component-user-usage-limits/`: per-user limits of a resource's components. */
export function userLimitRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: PATH,
    operationId: 'component_user_usage_limits_list',
    summary: 'List per-user component limits of visible resources',
    tags,
    query: listQuery({
      resource_uuid: UuidInput.optional(),
      offering_uuid: UuidInput.optional(),
      component_type: z.string().max(100).optional(),
      username: z.string().max(150).optional(),
    }),
    out: LimitOut,
    source: (tx, ctx) => userLimitList(tx, ctx.actor, ctx.query),
    present: (ctx, l) => present(ctx.base, l),
  });

  retrieveRoute(app, {
    url: `${PATH}:uuid/`,
    operationId: 'component_user_usage_limits_retrieve',
    summary: 'Retrieve a per-user component limit',
    tags,
    out: LimitOut,
    load: (tx, ctx) => loadLimit(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, obj) => present(ctx.base, obj),
  });

  addRoute(app, {
    method: 'POST',
    url: PATH,
    operationId: 'component_user_usage_limits_create',
    summary: 'Set a per-user limit of a resource component (consumer who may set limits, or the provider)',
    tags,
    body: LimitBody,
    responses: { 201: LimitOut },
    run: async (tx, ctx) => {
      const b = ctx.body();
      const refs = await resolveRefs(tx, ctx.actor, b);
      const uuid = await createUserLimit(tx, ctx.actor, refs.resource, { ...refs, limit: b.limit });
      return { status: 201, body: present(ctx.base, await loadLimit(tx, ctx.actor, uuid)) };
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: `${PATH}:uuid/`,
      operationId:
        method === 'PATCH'
          ? 'component_user_usage_limits_partial_update'
          : 'component_user_usage_limits_update',
      summary: 'Change a per-user component limit',
      tags,
      params: UuidParams,
      body: z.object({ limit: Limit.optional() }).loose(),
      responses: { 200: LimitOut },
      load: (tx, ctx) => loadLimit(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, l) => authorizeUserLimits(tx, ctx.actor, resourceOf(l)),
      run: async (tx, ctx, l) => {
        await updateUserLimit(tx, ctx.actor, resourceOf(l), l.id, ctx.body().limit);
        return { status: 200, body: present(ctx.base, await loadLimit(tx, ctx.actor, ctx.params.uuid)) };
      },
    });
  }

  addRoute(app, {
    method: 'DELETE',
    url: `${PATH}:uuid/`,
    operationId: 'component_user_usage_limits_destroy',
    summary: 'Remove a per-user component limit',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadLimit(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, l) => {
      await deleteUserLimit(tx, ctx.actor, resourceOf(l), l.id);
      return { status: 204 };
    },
  });
}
