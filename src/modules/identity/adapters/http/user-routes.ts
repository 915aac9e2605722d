import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { ForbiddenError, NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { respondList, sparse } from '../../../../platform/http/list.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../app/access.js';
import { createUser, updateUser } from '../../app/manage-users.js';
import { getOrIssueToken, revokeToken, rotateToken } from '../../app/user-tokens.js';
import { userWithGrants } from '../pg/grant-repository.js';
import { filterUsers, userPage } from '../pg/user-filters.js';
import { findVisibleUser, type UserRow } from '../pg/user-repository.js';
import { presentMe, presentToken, presentUser } from './user-presenter.js';
import {
  CreateUserBody,
  UpdateUserBody,
  UserAuthTokenOut,
  UserListQuery,
  UserMeOut,
  UserOut,
} from './user-schemas.js';

const tags = ['users'];

/** The visible user with this uuid, or 404 (an invisible user is never a 403). */
async function loadUser(tx: Tx, actor: Actor, uuid: string): Promise<UserRow> {
  return orNotFound(findVisibleUser(tx, actor, uuid), 'user');
}

/** `/api/users/…`: people, their tokens and `/me`. */
export function userRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/users/me/',
    operationId: 'users_me_retrieve',
    summary: 'The caller, with their role grants',
    tags,
    query: FieldQuery,
    responses: { 200: UserMeOut },
    run: async (tx, ctx) => {
      const me = await userWithGrants(tx, ctx.actor.id);
      if (!me) throw new NotFoundError('user');
      return { status: 200, body: sparse(ctx, presentMe(ctx.base, me.user, me.grants)) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/users/',
    operationId: 'users_list',
    summary: 'List users',
    description:
      'Staff and support see every user; others see themselves and the people of their organizations.',
    tags,
    query: UserListQuery,
    responses: { 200: z.array(UserOut) },
    run: async (tx, ctx) => {
      const q = filterUsers(tx, ctx.actor, ctx.query);
      return respondList(
        ctx,
        { count: (upTo) => countRows(tx, q, upTo), rows: (limit, offset) => userPage(q, limit, offset) },
        (u) => presentUser(ctx.base, u),
      );
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/users/',
    operationId: 'users_create',
    summary: 'Create a user (staff only)',
    tags,
    body: CreateUserBody,
    responses: { 201: UserOut },
    check: (_tx, ctx) => requireStaff(ctx.actor),
    run: async (tx, ctx) => {
      const { agree_with_policy: _ignored, ...input } = ctx.body();
      const user = await createUser(tx, ctx.actor, input);
      return { status: 201, body: presentUser(ctx.base, user) };
    },
  });

  retrieveRoute(app, {
    url: '/api/users/:uuid/',
    operationId: 'users_retrieve',
    summary: 'Retrieve a user',
    tags,
    load: (tx, ctx) => loadUser(tx, ctx.actor, ctx.params.uuid),
    out: UserOut,
    present: (_tx, ctx, u) => presentUser(ctx.base, u),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: '/api/users/:uuid/',
      operationId: method === 'PATCH' ? 'users_partial_update' : 'users_update',
      summary: 'Update a user (staff, or the user for their own profile)',
      tags,
      params: UuidParams,
      body: UpdateUserBody,
      responses: { 200: UserOut },
      load: (tx, ctx) => loadUser(tx, ctx.actor, ctx.params.uuid),
      run: async (tx, ctx, u) => {
        // 403 before 400: only staff edit other people (the staff-only fields are checked after the body).
        if (u.id !== ctx.actor.id && !ctx.actor.isStaff) throw new ForbiddenError();
        const { agree_with_policy: _ignored, ...changes } = ctx.body();
        return { status: 200, body: presentUser(ctx.base, await updateUser(tx, ctx.actor, u, changes)) };
      },
    });
  }

  addRoute(app, {
    method: 'GET',
    url: '/api/users/:uuid/token/',
    operationId: 'users_token_retrieve',
    summary: "A user's API token (staff only)",
    description:
      'Tokens are stored only as SHA-256 hashes, so an existing token is shown masked. A user without a live ' +
      'token gets one issued by this call, shown in plaintext once.',
    tags,
    params: UuidParams,
    responses: { 200: UserAuthTokenOut },
    // Writes: a user without a live token gets one issued.
    tx: 'write',
    load: (tx, ctx) => loadUser(tx, ctx.actor, ctx.params.uuid),
    check: (_tx, ctx) => requireStaff(ctx.actor),
    run: async (tx, _ctx, u) => {
      return { status: 200, body: presentToken(u, await getOrIssueToken(tx, u)) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/users/:uuid/refresh_token/',
    operationId: 'users_refresh_token',
    summary: 'Rotate a user’s API token (staff, or the user themself)',
    description: 'The old token stops working; the new one is returned in plaintext, once.',
    tags,
    params: UuidParams,
    responses: { 200: UserAuthTokenOut },
    load: (tx, ctx) => loadUser(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, u) => {
      if (u.id !== ctx.actor.id) requireStaff(ctx.actor);
      return { status: 200, body: presentToken(u, await rotateToken(tx, u)) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/users/:uuid/revoke_token/',
    operationId: 'users_revoke_token',
    summary: 'Revoke a user’s API token (staff, or the user themself)',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadUser(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, u) => {
      if (u.id !== ctx.actor.id) requireStaff(ctx.actor);
      await revokeToken(tx, u);
      return { status: 204 };
    },
  });
}
