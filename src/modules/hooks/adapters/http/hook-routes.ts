import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../platform/db/database.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { BoolFlag, listQuery } from '../../../../platform/http/query.js';
import { listRoute, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { createHook, deleteHook, rotateHookSecret, updateHook } from '../../app/manage-hooks.js';
import type { DestinationCheck } from '../../app/ports.js';
import { hookList } from '../pg/hook-lists.js';
import { loadHook, scopeOf } from './hook-loaders.js';
import { CreateHookBody, HookOut, HookWithSecretOut, presentHook, UpdateHookBody } from './hook-schemas.js';

/** What the hook routes need besides the database. */
export interface HookRouteDeps {
  db: Db;
  /** Seals signing secrets; absent only where no hook is ever created (OpenAPI generation). */
  secrets: SecretBox | undefined;
  checkDestination: DestinationCheck;
}

const tags = ['hooks'];

function secretsOf(deps: HookRouteDeps): SecretBox {
  if (!deps.secrets)
    throw new Error('webhooks need the secret key (ORDERLY_SECRET_KEY or the data-dir key file)');
  return deps.secrets;
}

/** `/api/hooks/`: webhook subscriptions of the caller (staff: everyone's). */
export function hookRoutes(app: FastifyInstance, deps: HookRouteDeps): void {
  listRoute(app, {
    url: '/api/hooks/',
    operationId: 'hooks_list',
    summary: 'List your webhooks (staff: all)',
    tags,
    query: listQuery({ is_active: BoolFlag.optional() }),
    out: HookOut,
    source: (tx, ctx) => hookList(tx, ctx.actor, ctx.query),
    present: (ctx, h) => presentHook(ctx.base, h),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/hooks/',
    operationId: 'hooks_create',
    summary: 'Subscribe a URL to event types; the answer shows the signing secret once',
    tags,
    body: CreateHookBody,
    responses: { 201: HookWithSecretOut },
    run: async (tx, ctx) => {
      const b = ctx.body();
      await deps.checkDestination(b.destination_url);
      const scope = await scopeOf(tx, ctx.actor, b);
      const input = {
        destinationUrl: b.destination_url,
        eventTypes: b.event_types,
        scope,
        description: b.description,
        isActive: b.is_active,
      };
      const made = await createHook(tx, ctx.actor, input, secretsOf(deps));
      const body = {
        ...presentHook(ctx.base, await loadHook(tx, ctx.actor, made.uuid)),
        secret: made.secret,
      };
      return { status: 201, body };
    },
  });
  retrieveRoute(app, {
    url: '/api/hooks/:uuid/',
    operationId: 'hooks_retrieve',
    summary: 'Retrieve a webhook',
    tags,
    fields: false,
    out: HookOut,
    load: (tx, ctx) => loadHook(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, obj) => presentHook(ctx.base, obj),
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/hooks/:uuid/',
    operationId: 'hooks_partial_update',
    summary: 'Change a webhook’s destination, event types, description or active flag',
    tags,
    params: UuidParams,
    body: UpdateHookBody,
    responses: { 200: HookOut },
    load: (tx, ctx) => loadHook(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, h) => {
      const b = ctx.body();
      if (b.destination_url !== undefined) await deps.checkDestination(b.destination_url);
      await updateHook(tx, h.id, {
        destinationUrl: b.destination_url,
        eventTypes: b.event_types,
        description: b.description,
        isActive: b.is_active,
      });
      return { status: 200, body: presentHook(ctx.base, await loadHook(tx, ctx.actor, ctx.params.uuid)) };
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/hooks/:uuid/',
    operationId: 'hooks_destroy',
    summary: 'Delete a webhook and its delivery log',
    tags,
    params: UuidParams,
    responses: { 204: null },
    run: async (tx, ctx) => {
      await deleteHook(tx, (await loadHook(tx, ctx.actor, ctx.params.uuid)).id);
      return { status: 204 };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/hooks/:uuid/rotate_secret/',
    operationId: 'hooks_rotate_secret',
    summary: 'Replace the signing secret; the answer shows the new one once',
    tags,
    params: UuidParams,
    responses: { 200: HookWithSecretOut },
    load: (tx, ctx) => loadHook(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, h) => {
      const secret = await rotateHookSecret(tx, h.id, secretsOf(deps));
      return {
        status: 200,
        body: { ...presentHook(ctx.base, await loadHook(tx, ctx.actor, ctx.params.uuid)), secret },
      };
    },
  });
}
