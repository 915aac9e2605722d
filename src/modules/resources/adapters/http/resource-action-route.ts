import type { FastifyInstance } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { addRoute, type RouteResult } from '../../../../platform/http/route.js';
import { StatusOut } from '../../../../platform/http/schemas.js';
import { requireStaff } from '../../../identity/app/access.js';
import { checkResourceAction } from '../../app/check-resource-action.js';
import { loadResourceFacts } from '../../app/resource-facts.js';
import { assertBookkeeping, type BookkeepingAction } from '../../domain/bookkeeping-actions.js';
import type { ResourceAction } from '../../domain/resource-actions.js';
import type { ResourceRecord } from '../pg/resource-query.js';
import { type ResourceView, VIEW_COLLECTION } from '../pg/resource-visibility.js';
import { loadVisibleResource } from './resource-context.js';
import { VIEW_OPERATION } from './resource-routes.js';
import { OrderUuidOut, reason } from './resource-schemas.js';

/** Which action table decides a route's checks. */
export type CheckedBy =
  | { readonly table: 'resource'; readonly action: ResourceAction }
  | { readonly table: 'bookkeeping'; readonly action: BookkeepingAction };

/** The facts a route's checks were run on, for use cases that check more after the body. */
export type RouteFacts = Awaited<ReturnType<typeof loadResourceFacts>>;

/** A body with only the optional `reason` (Waldur clients send none, `{}` or ignored fields, §0.2). */
export const ReasonOnly = z.object({ reason });

/** One detail action of the resource collections. */
export interface ResourceActionSpec<B extends ZodType = typeof ReasonOnly> {
  /** URL segment and operation suffix (`terminate` → `…/{uuid}/terminate/`, `…_terminate`). */
  name: string;
  checkedBy: CheckedBy;
  /** Views that serve the action (orders spec §8 "Where"; set_state_ok is on both, §8 note). */
  views: readonly ResourceView[];
  summary: string;
  responses: Record<number, ZodType | null>;
  body?: B;
  /** `unlink` checks staff before the lookup (403, not 404), as order unlink does (quirk 13). */
  staffFirst?: boolean;
  run(tx: Tx, actor: Actor, rec: ResourceRecord, body: z.output<B>, facts: RouteFacts): Promise<RouteResult>;
}

/**
 * Registers `POST /api/<view collection>/{uuid}/<name>/` for each view: 404 (view visibility) → the
 * action's checks from the domain table in Waldur's order (403 / 400 / 409) → body (400) → one use
 * case, all in one transaction (orders spec §6, G8).
 */
export function resourceActionRoute<B extends ZodType = typeof ReasonOnly>(
  app: FastifyInstance,
  spec: ResourceActionSpec<B>,
): void {
  for (const view of spec.views) {
    addRoute(app, {
      method: 'POST',
      url: `/api/${VIEW_COLLECTION[view]}/:uuid/${spec.name}/`,
      operationId: `${VIEW_OPERATION[view]}_${spec.name}`,
      summary: spec.summary,
      tags: [VIEW_COLLECTION[view]],
      params: UuidParams,
      body: spec.body ?? ReasonOnly,
      responses: spec.responses,
      run: async (tx, ctx) => {
        if (spec.staffFirst) requireStaff(ctx.actor);
        const rec = await loadVisibleResource(tx, ctx.actor, view, ctx.params.uuid);
        const facts = await loadResourceFacts(tx, rec, ctx.actor);
        if (spec.checkedBy.table === 'resource')
          checkResourceAction(rec.id, spec.checkedBy.action, facts.input, ctx.actor);
        else assertBookkeeping(spec.checkedBy.action, facts.bookkeeping);
        const body = ctx.body() as z.output<B>;
        return spec.run(tx, ctx.actor, rec, body, facts);
      },
    });
  }
}

/** An action whose use case creates (or confirms) an order: it answers that order's `{order_uuid}`. */
export function orderingActionRoute<B extends ZodType = typeof ReasonOnly>(
  app: FastifyInstance,
  spec: Omit<ResourceActionSpec<B>, 'responses' | 'run'> & {
    create(tx: Tx, actor: Actor, rec: ResourceRecord, body: z.output<B>, facts: RouteFacts): Promise<string>;
  },
): void {
  const { create, ...rest } = spec;
  resourceActionRoute<B>(app, {
    ...rest,
    responses: { 200: OrderUuidOut },
    run: async (tx, actor, rec, b, facts) => ({
      status: 200,
      body: { order_uuid: hex(await create(tx, actor, rec, b, facts)) },
    }),
  });
}

/** An action answering `{status}`: the state its use case left the resource in. */
export function statusActionRoute<B extends ZodType = typeof ReasonOnly>(
  app: FastifyInstance,
  spec: Omit<ResourceActionSpec<B>, 'responses' | 'run'> & {
    use(tx: Tx, actor: Actor, rec: ResourceRecord, body: z.output<B>): Promise<string>;
  },
): void {
  const { use, ...rest } = spec;
  resourceActionRoute<B>(app, {
    ...rest,
    responses: { 200: StatusOut },
    run: async (tx, actor, rec, b) => ({ status: 200, body: { status: await use(tx, actor, rec, b) } }),
  });
}
