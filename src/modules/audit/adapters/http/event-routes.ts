import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Db, inTransaction } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { hex, UuidInput } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery, multi } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { visibleEvents } from '../pg/event-queries.js';

const EventOut = z
  .object({
    id: z.number().int().meta({ description: 'Monotonic position in the log (cursor for streams).' }),
    uuid: z.string(),
    event_type: z.string(),
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    created: z.string(),
    actor_username: z.string().nullable(),
    reason: z.string(),
    context: z.record(z.string(), z.unknown()),
    order_uuid: z.string().nullable(),
    resource_uuid: z.string().nullable(),
    project_uuid: z.string().nullable(),
    customer_uuid: z.string().nullable(),
  })
  .meta({ id: 'Event' });

const EventQuery = listQuery({
  order_uuid: UuidInput.optional(),
  resource_uuid: UuidInput.optional(),
  project_uuid: UuidInput.optional(),
  customer_uuid: UuidInput.optional(),
  event_type: multi(z.string().max(200)),
  created_from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  created_to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  after_id: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Only events after this id (oldest first).' }),
  o: z.enum(['created', '-created']).optional(),
});

const hexOrNull = (v: string | null) => (v ? hex(v) : null);

/** `GET /api/events/`: the audit log, filtered by scope, type and time. */
export function eventRoutes(app: FastifyInstance, db: Db): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/events/',
    operationId: 'events_list',
    summary: 'Audit events (newest first unless `o=created` or `after_id`)',
    tags: ['events'],
    query: EventQuery,
    responses: { 200: z.array(EventOut) },
    handler: async (ctx) =>
      inTransaction(db, async (tx) => {
        const f = ctx.query;
        let q = visibleEvents(tx, ctx.actor);
        if (f.order_uuid) q = q.where('o.uuid', '=', f.order_uuid);
        if (f.resource_uuid) q = q.where('r.uuid', '=', f.resource_uuid);
        if (f.project_uuid) q = q.where('p.uuid', '=', f.project_uuid);
        if (f.customer_uuid) q = q.where('c.uuid', '=', f.customer_uuid);
        if (f.event_type?.length) q = q.where('e.event_type', 'in', f.event_type);
        if (f.created_from) q = q.where('e.created', '>=', new Date(f.created_from));
        if (f.created_to) q = q.where('e.created', '<', new Date(f.created_to));
        if (f.after_id !== undefined) q = q.where('e.id', '>', f.after_id);
        const ascending = f.o === 'created' || f.after_id !== undefined;
        return respondList(
          ctx,
          {
            count: () => countRows(q),
            rows: (limit, offset) =>
              q
                .orderBy('e.id', ascending ? 'asc' : 'desc')
                .limit(limit)
                .offset(offset)
                .execute(),
          },
          (e) => ({
            id: e.id,
            uuid: hex(e.uuid),
            event_type: e.event_type,
            level: e.level,
            message: e.message,
            created: e.created.toISOString(),
            actor_username: e.actor_username ?? null,
            reason: e.reason,
            context: e.context,
            order_uuid: hexOrNull(e.order_uuid),
            resource_uuid: hexOrNull(e.resource_uuid),
            project_uuid: hexOrNull(e.project_uuid),
            customer_uuid: hexOrNull(e.customer_uuid),
          }),
        );
      }),
  });
}
