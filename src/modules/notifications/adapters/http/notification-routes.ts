import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../../platform/errors.js';
import { hex, objectUrl, UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { sparse } from '../../../../platform/http/list.js';
import { FieldQuery, listQuery, multi } from '../../../../platform/http/query.js';
import { listRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { orderStateFromCode } from '../../../orders/domain/order-state.js';
import { KIND_LIST } from '../../domain/kinds.js';
import {
  findVisibleNotification,
  type NotificationRecord,
  notificationList,
} from '../pg/notification-queries.js';

const KINDS = KIND_LIST;
const STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
const nullable = z.string().nullable();

/** One outbox row: what was (or will be) e-mailed to whom, and how delivery went. */
const NotificationOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    created: z.string(),
    kind: z.enum(KINDS),
    order_uuid: nullable,
    order_state: nullable.meta({ description: 'The waiting state an approval e-mail is about.' }),
    resource_uuid: nullable.meta({ description: 'The resource a resource notification is about.' }),
    recipient_uuid: nullable,
    recipient_username: nullable,
    recipient_email: z.string(),
    subject: z.string(),
    body: z.string(),
    state: z.enum(STATES),
    attempts: z.number().int(),
    next_attempt_at: nullable,
    last_error: z.string(),
    sent_at: nullable,
  })
  .meta({ id: 'Notification' });

const ListQuery = listQuery({
  order_uuid: UuidInput.optional(),
  kind: multi(z.enum(KINDS)),
  state: multi(z.enum(STATES)),
  recipient_uuid: UuidInput.optional(),
  resource_uuid: UuidInput.optional(),
});

function present(base: string, n: NotificationRecord) {
  return {
    url: objectUrl(base, 'notifications', n.uuid),
    uuid: hex(n.uuid),
    created: n.created.toISOString(),
    kind: n.kind,
    order_uuid: n.order_uuid ? hex(n.order_uuid) : null,
    order_state: n.order_state === null ? null : orderStateFromCode(n.order_state),
    resource_uuid: n.resource_uuid ? hex(n.resource_uuid) : null,
    recipient_uuid: n.recipient_uuid ? hex(n.recipient_uuid) : null,
    recipient_username: n.recipient_username ?? null,
    recipient_email: n.recipient_email,
    subject: n.subject,
    body: n.body,
    state: n.state,
    attempts: n.attempts,
    next_attempt_at: n.state === 'pending' ? n.next_attempt_at.toISOString() : null,
    last_error: n.last_error,
    sent_at: n.sent_at ? n.sent_at.toISOString() : null,
  };
}

/**
 * `/api/notifications/`: the e-mail outbox for the UI (Orderly's own). Staff and support see every
 * row; other users the ones addressed to them. Newest first.
 */
export function notificationRoutes(app: FastifyInstance): void {
  const tags = ['notifications'];
  listRoute(app, {
    url: '/api/notifications/',
    operationId: 'notifications_list',
    summary: 'List e-mail notifications (own; staff and support: all), newest first',
    tags,
    query: ListQuery,
    out: NotificationOut,
    source: (tx, ctx) => notificationList(tx, ctx.actor, ctx.query),
    present: (ctx, n) => present(ctx.base, n),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/notifications/:uuid/',
    operationId: 'notifications_retrieve',
    summary: 'Retrieve one e-mail notification',
    tags,
    params: UuidParams,
    query: FieldQuery,
    responses: { 200: NotificationOut },
    run: async (tx, ctx) => {
      const n = await findVisibleNotification(tx, ctx.actor, ctx.params.uuid);
      if (!n) throw new NotFoundError('notification');
      return { status: 200, body: sparse(ctx, present(ctx.base, n)) };
    },
  });
}
