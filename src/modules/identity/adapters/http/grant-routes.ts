import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { addRoute } from '../../../../platform/http/route.js';
import {
  addGrant,
  authorizeGrantManagement,
  type GrantTarget,
  removeGrant,
  updateGrant,
} from '../../app/grants.js';
import type { ScopeType } from '../../domain/permissions.js';
import { grantsOnScope } from '../pg/grant-repository.js';
import { grantPage } from '../pg/list-pages.js';
import {
  AddUserBody,
  DeleteUserBody,
  ExpirationOut,
  ListUsersQuery,
  UserRoleDetailsOut,
} from './grant-schemas.js';

/** Finds the visible object a grant is made on, or throws not-found. */
export type TargetLoader = (tx: Tx, actor: Actor, uuid: string) => Promise<GrantTarget | undefined>;

/**
 * `add_user`, `delete_user` and `list_users` for one kind of scope (customers, projects, offerings),
 * all with Waldur's check order: 404 (visibility) → 403 (may manage grants here) → 400 (body).
 */
export function grantRoutes(
  app: FastifyInstance,
  collection: string,
  type: ScopeType,
  load: TargetLoader,
  opts: { updateUser?: boolean } = {},
) {
  const tags = [collection];
  const opPrefix = collection.replace(/-/g, '_');
  const target = async (tx: Tx, actor: Actor, uuid: string) => {
    const t = await load(tx, actor, uuid);
    if (!t) throw new NotFoundError(type);
    return t;
  };

  addRoute(app, {
    method: 'POST',
    url: `/api/${collection}/:uuid/add_user/`,
    operationId: `${opPrefix}_add_user`,
    summary: `Grant a role on this ${type}`,
    tags,
    params: UuidParams,
    body: AddUserBody,
    responses: { 201: ExpirationOut },
    run: async (tx, ctx) => {
      const t = await target(tx, ctx.actor, ctx.params.uuid);
      await authorizeGrantManagement(tx, ctx.actor, t);
      const row = await addGrant(tx, ctx.actor, t, ctx.body());
      return { status: 201, body: { expiration_time: row.expiration_time?.toISOString() ?? null } };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `/api/${collection}/:uuid/delete_user/`,
    operationId: `${opPrefix}_delete_user`,
    summary: `Revoke a role on this ${type}`,
    tags,
    params: UuidParams,
    body: DeleteUserBody,
    responses: { 200: z.object({ detail: z.string() }) },
    run: async (tx, ctx) => {
      const t = await target(tx, ctx.actor, ctx.params.uuid);
      await authorizeGrantManagement(tx, ctx.actor, t);
      await removeGrant(tx, ctx.actor, t, ctx.body());
      return { status: 200, body: { detail: 'Role has been revoked.' } };
    },
  });

  if (opts.updateUser) {
    addRoute(app, {
      method: 'POST',
      url: `/api/${collection}/:uuid/update_user/`,
      operationId: `${opPrefix}_update_user`,
      summary: `Change the expiration time of a role grant on this ${type}`,
      tags,
      params: UuidParams,
      body: AddUserBody,
      responses: { 200: ExpirationOut },
      run: async (tx, ctx) => {
        const t = await target(tx, ctx.actor, ctx.params.uuid);
        await authorizeGrantManagement(tx, ctx.actor, t);
        const row = await updateGrant(tx, ctx.actor, t, ctx.body());
        return { status: 200, body: { expiration_time: row.expiration_time?.toISOString() ?? null } };
      },
    });
  }

  addRoute(app, {
    method: 'GET',
    url: `/api/${collection}/:uuid/list_users/`,
    operationId: `${opPrefix}_list_users_list`,
    summary: `Role grants on this ${type}`,
    tags,
    params: UuidParams,
    query: ListUsersQuery,
    responses: { 200: z.array(UserRoleDetailsOut) },
    run: async (tx, ctx) => {
      const t = await target(tx, ctx.actor, ctx.params.uuid);
      const q = grantsOnScope(tx, t.type, t.id, { roles: ctx.query.role, userUuid: ctx.query.user });
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: (limit, offset) => grantPage(q, limit, offset),
        },
        (g) => ({
          uuid: hex(g.uuid),
          created: g.created.toISOString(),
          expiration_time: g.expiration_time?.toISOString() ?? null,
          role_name: g.role_name,
          role_uuid: hex(g.role_uuid),
          user_uuid: hex(g.user_uuid),
          user_username: g.user_username,
          user_full_name: g.user_full_name,
          user_email: g.user_email,
        }),
      );
    },
  });
}
