import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { EventFilterShape } from '../pg/event-filters.js';
import { eventList } from '../pg/event-list.js';
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
    run: (tx, ctx) => respondList(ctx, eventList(tx, ctx.actor, ctx.query), presentEvent),
  });
}
