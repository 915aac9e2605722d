import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { UuidParams, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { findOffering, visibleProviderOfferings } from '../../../offerings/api.js';
import { createOfferingUser } from '../../app/create-offering-user.js';
import { deleteOfferingUser } from '../../app/delete-offering-user.js';
import { authorizeProvider } from '../../app/provider-access.js';
import { reconcileOfferingUsers } from '../../app/reconcile-offering-users.js';
import { setRestricted } from '../../app/set-restricted.js';
import { updateOfferingUser } from '../../app/update-offering-user.js';
import { offeringUserList } from '../pg/offering-user-lists.js';
import { findVisibleOfferingUser, type OfferingUserRecord } from '../pg/offering-user-query.js';
import { userIdByUuid } from '../pg/user-lookup.js';
import { OfferingUserOut, presentOfferingUser } from './offering-user-presenter.js';
import {
  OfferingUserCreateBody,
  OfferingUserListQuery,
  OfferingUserPatchBody,
} from './offering-user-schemas.js';

const tags = ['marketplace-offering-users'];
const PATH = '/api/marketplace-offering-users/';

/** The visible offering user with this uuid, or 404. */
export async function loadOfferingUser(tx: Tx, actor: Actor, uuid: string): Promise<OfferingUserRecord> {
  return orNotFound(findVisibleOfferingUser(tx, actor, uuid), 'offering_user');
}

/** What the use cases need to know of a loaded offering user. */
export const refOf = (r: OfferingUserRecord) => ({
  id: r.id,
  state: r.state,
  offering: { id: r.offering_id, customer_id: r.customer_id },
});

/** `/api/marketplace-offering-users/`: list, retrieve, create, edit the username, delete. */
export function offeringUserRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: PATH,
    operationId: 'marketplace_offering_users_list',
    summary: 'List offering users: your own, and those of offerings you manage as a provider',
    description:
      'Offering users Waldur would have created (a person with a project role where a live resource of an offering that allows offering users exists) are created before the read.',
    tags,
    query: OfferingUserListQuery,
    responses: { 200: z.array(OfferingUserOut) },
    // A read that first creates the offering users Waldur would have created.
    tx: 'write',
    run: async (tx, ctx) => {
      await reconcileOfferingUsers(tx, { offeringUuids: ctx.query.offering_uuid });
      return respondList(ctx, offeringUserList(tx, ctx.actor, ctx.query), (r) =>
        presentOfferingUser(ctx.base, r, ctx.actor),
      );
    },
  });

  retrieveRoute(app, {
    url: `${PATH}:uuid/`,
    operationId: 'marketplace_offering_users_retrieve',
    summary: 'Retrieve an offering user',
    tags,
    load: (tx, ctx) => loadOfferingUser(tx, ctx.actor, ctx.params.uuid),
    out: OfferingUserOut,
    present: (_tx, ctx, r) => presentOfferingUser(ctx.base, r, ctx.actor),
  });

  addRoute(app, {
    method: 'POST',
    url: PATH,
    operationId: 'marketplace_offering_users_create',
    summary: 'Create an offering user (provider side: staff, owner, service or offering manager)',
    tags,
    body: OfferingUserCreateBody,
    responses: { 201: OfferingUserOut },
    run: async (tx, ctx) => {
      const b = ctx.body();
      const offeringUuid = pick(b.offering, b.offering_uuid, OFFERING_LINKS, 'offering');
      const userUuid = pick(b.user, b.user_uuid, ['users'], 'user');
      const offering = await findOffering(visibleProviderOfferings(tx, ctx.actor), offeringUuid);
      if (!offering)
        throw ValidationError.field('/body/offering', 'Invalid offering - Object does not exist.');
      const userId = await userIdByUuid(tx, userUuid);
      if (userId === undefined)
        throw ValidationError.field('/body/user', 'Invalid user - Object does not exist.');
      const uuid = await createOfferingUser(tx, ctx.actor, {
        offering,
        userId,
        username: b.username,
      });
      const r = await loadOfferingUser(tx, ctx.actor, uuid);
      return { status: 201, body: presentOfferingUser(ctx.base, r, ctx.actor) };
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: `${PATH}:uuid/`,
      operationId:
        method === 'PATCH'
          ? 'marketplace_offering_users_partial_update'
          : 'marketplace_offering_users_update',
      summary: 'Set the username of an offering user (an account being created becomes OK)',
      tags,
      params: UuidParams,
      body: OfferingUserPatchBody,
      responses: { 200: OfferingUserOut },
      load: (tx, ctx) => loadOfferingUser(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, r) => authorizeProvider(tx, ctx.actor, refOf(r).offering),
      run: async (tx, ctx, r) => {
        await updateOfferingUser(tx, ctx.actor, refOf(r), ctx.body());
        const after = await loadOfferingUser(tx, ctx.actor, ctx.params.uuid);
        return { status: 200, body: presentOfferingUser(ctx.base, after, ctx.actor) };
      },
    });
  }

  addRoute(app, {
    method: 'POST',
    url: `${PATH}:uuid/update_restricted/`,
    operationId: 'marketplace_offering_users_update_restricted',
    summary: 'Restrict or release an offering user (provider side)',
    tags,
    params: UuidParams,
    body: z.object({ is_restricted: z.boolean() }),
    responses: { 200: OfferingUserOut },
    load: (tx, ctx) => loadOfferingUser(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, r) => authorizeProvider(tx, ctx.actor, refOf(r).offering),
    run: async (tx, ctx, r) => {
      await setRestricted(tx, ctx.actor, refOf(r), ctx.body().is_restricted);
      const after = await loadOfferingUser(tx, ctx.actor, ctx.params.uuid);
      return { status: 200, body: presentOfferingUser(ctx.base, after, ctx.actor) };
    },
  });

  addRoute(app, {
    method: 'DELETE',
    url: `${PATH}:uuid/`,
    operationId: 'marketplace_offering_users_destroy',
    summary: 'Delete an offering user (provider side)',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadOfferingUser(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, r) => {
      await deleteOfferingUser(tx, ctx.actor, refOf(r));
      return { status: 204 };
    },
  });
}

const OFFERING_LINKS = ['marketplace-provider-offerings', 'marketplace-public-offerings'];

/** A reference given as a hyperlink (into one of `collections`) or a uuid field; one is required (400). */
function pick(
  link: string | undefined,
  uuid: string | undefined,
  collections: string[],
  field: string,
): string {
  if (uuid) return uuid;
  if (!link) throw ValidationError.field(`/body/${field}`, 'This field is required.');
  for (const c of collections.slice(1))
    if (link.includes(`/api/${c}/`)) return uuidFromHyperlink(link, c, field);
  return uuidFromHyperlink(link, collections[0] ?? '', field);
}
