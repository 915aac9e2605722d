import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { applyEventFilters, EventFilterShape } from '../pg/event-filters.js';
import { visibleEvents } from '../pg/event-queries.js';
import { EventOut, presentEvent } from './event-presenter.js';

const EventQuery = listQuery({
  ...EventFilterShape,
  after_id: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Only events after this id (oldest first).' }),
  o: z.enum(['created', '-created']).optional(),
});

/** `GET /api/events/`: the audit log, filtered by scope, type and time. */
export function eventRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/events/',
    operationId: 'events_list',
    summary: 'Audit events (newest first unless `o=created` or `after_id`)',
    tags: ['events'],
    query: EventQuery,
    responses: { 200: z.array(EventOut) },
    run: async (tx, ctx) => {
      const f = ctx.query;
      let q = applyEventFilters(visibleEvents(tx, ctx.actor), f);
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
        presentEvent,
      );
    },
  });
}
