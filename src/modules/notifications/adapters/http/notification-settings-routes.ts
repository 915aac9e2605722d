import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ForbiddenError, NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { findVisibleUser } from '../../../identity/api.js';
import { readNotificationSettings, updateNotificationSettings } from '../../app/notification-settings.js';
import { KIND_LIST, NOTIFICATION_KINDS } from '../../domain/kinds.js';

const shape = (optional: boolean) =>
  Object.fromEntries(
    KIND_LIST.map((k) => {
      const b = z.boolean().meta({ description: NOTIFICATION_KINDS[k] });
      return [k, optional ? b.optional() : b];
    }),
  );

/** Whether each kind of e-mail is on (true) or turned off (false) for the user. */
const SettingsOut = z.object(shape(false)).meta({ id: 'NotificationSettings' });
/** The kinds to turn on or off; kinds not named keep their setting; unknown names are refused. */
const SettingsIn = z.strictObject(shape(true)).meta({ id: 'PatchedNotificationSettingsRequest' });

/** The visible user (404 otherwise) whose settings `actor` may read: themself; staff and support anyone (403). */
async function loadReadable(tx: Tx, actor: Actor, uuid: string): Promise<number> {
  const u = await findVisibleUser(tx, actor, uuid);
  if (!u) throw new NotFoundError('user');
  if (u.id !== actor.id && !seesEverything(actor)) throw new ForbiddenError();
  return u.id;
}

/**
 * `/api/users/me/notification-settings/` and `/api/users/{uuid}/notification-settings/` (Orderly's
 * own; Waldur has only a global switch per kind): which kinds of e-mail a user gets. Users edit
 * only their own; staff and support may read anyone's.
 */
export function notificationSettingsRoutes(app: FastifyInstance): void {
  const tags = ['users'];
  addRoute(app, {
    method: 'GET',
    url: '/api/users/me/notification-settings/',
    operationId: 'users_me_notification_settings_retrieve',
    summary: 'Orderly: which kinds of e-mail the caller gets',
    tags,
    responses: { 200: SettingsOut },
    run: async (tx, ctx) => ({
      status: 200,
      body: await readNotificationSettings(tx, ctx.actor.id),
    }),
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/users/me/notification-settings/',
    operationId: 'users_me_notification_settings_partial_update',
    summary: 'Orderly: turn kinds of e-mail on or off for the caller',
    tags,
    body: SettingsIn,
    responses: { 200: SettingsOut },
    run: async (tx, ctx) => ({
      status: 200,
      body: await updateNotificationSettings(tx, ctx.actor, ctx.actor.id, ctx.body()),
    }),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/users/:uuid/notification-settings/',
    operationId: 'users_notification_settings_retrieve',
    summary: "Orderly: which kinds of e-mail a user gets (own; staff and support: anyone's)",
    tags,
    params: UuidParams,
    responses: { 200: SettingsOut },
    load: (tx, ctx) => loadReadable(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, _ctx, userId) => {
      return { status: 200, body: await readNotificationSettings(tx, userId) };
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/users/:uuid/notification-settings/',
    operationId: 'users_notification_settings_partial_update',
    summary: 'Orderly: turn kinds of e-mail on or off (only for oneself)',
    tags,
    params: UuidParams,
    body: SettingsIn,
    responses: { 200: SettingsOut },
    load: (tx, ctx) => loadReadable(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, userId) => {
      // 403 before 400: a person's e-mail choices are theirs alone, staff included.
      if (userId !== ctx.actor.id) throw new ForbiddenError();
      return { status: 200, body: await updateNotificationSettings(tx, ctx.actor, userId, ctx.body()) };
    },
  });
}
