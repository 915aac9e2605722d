import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import { type Db, inTransaction } from '../../../../platform/db/database.js';
import { UnauthenticatedError, ValidationError } from '../../../../platform/errors.js';
import { ProblemSchema } from '../../../../platform/http/problem.js';
import { addRoute, routeTable } from '../../../../platform/http/route.js';
import { issueStreamTicket, STREAM_TICKET_TTL_SECONDS } from '../../app/issue-stream-ticket.js';
import { applyEventFilters, EventFilterShape, type EventFilters } from '../pg/event-filters.js';
import { currentPosition, type LogPosition, positionOfEvent, readFinalEvents } from '../pg/event-log.js';
import { visibleEvents } from '../pg/event-queries.js';
import { actorByStreamTicket } from '../pg/stream-tickets.js';
import { createEventHub } from '../stream/event-hub.js';
import { openSseStream, type SseStream } from '../stream/sse-stream.js';
import { presentEvent } from './event-presenter.js';

/** Settings of the live stream. */
export interface StreamOptions {
  heartbeatMs: number;
  pollMs: number;
  retryMs: number;
  /** Connection string for LISTEN/NOTIFY wake-ups; without it streams rely on polling. */
  listenUrl?: string | undefined;
}

const StreamQuery = z.object({
  ...EventFilterShape,
  after_id: z.coerce.number().int().min(0).optional().meta({
    description: 'Start after this event (as `Last-Event-ID`, which wins when both are given).',
  }),
  ticket: z.string().max(200).optional().meta({
    description: 'A stream ticket (`POST /api/events/stream-tickets/`) for clients that cannot send headers.',
  }),
});
type StreamQueryOut = z.output<typeof StreamQuery>;

const problem = {
  description: 'Problem',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

const DESCRIPTION = `Server-sent events: each event of \`GET /api/events/\` (same filters, same visibility) as
\`id: <event id>\` and one \`data:\` line of the same JSON, once it has committed. Reconnect with
\`Last-Event-ID\` (EventSource does this by itself) to receive exactly the events after that one: the
stream follows commit order, which can differ from id order while transactions overlap, so resume by
event id rather than by \`after_id\` on the list. Comment lines (\`: heartbeat\`) keep the connection
open. Authenticate with \`Authorization: Token …\` or \`?ticket=\` from \`POST /api/events/stream-tickets/\`.`;

/** How long shutdown waits for ended streams to close before cutting their connections. */
const SHUTDOWN_GRACE_MS = 2000;

/** Waits for `p`, at most SHUTDOWN_GRACE_MS. */
async function withinGrace(p: Promise<unknown>): Promise<void> {
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([
    p,
    new Promise((resolve) => {
      grace = setTimeout(resolve, SHUTDOWN_GRACE_MS);
    }),
  ]);
  clearTimeout(grace);
}

/** `GET /api/events/stream` (live events) and `POST /api/events/stream-tickets/`. */
export function eventStreamRoutes(app: FastifyInstance, db: Db, opts: StreamOptions): void {
  const hub = createEventHub(db, { pollMs: opts.pollMs, listenUrl: opts.listenUrl, logger: app.log });
  const open = new Set<SseStream>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    for (const s of open) s.end();
    // An ended stream closes once its client has read the rest; one that does not read would hold
    // the shutdown open, so after a grace period the remaining connections are cut.
    await withinGrace(Promise.all([...open].map((s) => s.done)));
    for (const s of open) s.destroy();
    // The LISTEN connection's goodbye and a last log-head read: bounded too, shutdown must finish.
    await withinGrace(hub.close());
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/events/stream-tickets/',
    operationId: 'events_stream_tickets_create',
    summary: `Issue a stream ticket (valid ${STREAM_TICKET_TTL_SECONDS} s) for EventSource clients`,
    tags: ['events'],
    responses: { 201: z.object({ ticket: z.string(), expires: z.string() }).meta({ id: 'StreamTicket' }) },
    run: async (tx, ctx) => {
      const t = await issueStreamTicket(tx, ctx.actor);
      return { status: 201, body: { ticket: t.ticket, expires: t.expires.toISOString() } };
    },
  });

  if (!routeTable.some((r) => r.url === '/api/events/stream')) {
    routeTable.push({ method: 'GET', url: '/api/events/stream', pattern: /^\/api\/events\/stream\/?$/ });
  }
  app.route({
    method: 'GET',
    url: '/api/events/stream',
    exposeHeadRoute: false,
    // Public to the token hook so that ticket holders get through; `onRequest` below authenticates.
    config: { public: true },
    schema: {
      operationId: 'events_stream',
      summary: 'Live audit events (server-sent events), resumable with Last-Event-ID',
      description: DESCRIPTION,
      tags: ['events'],
      security: [{ TokenAuth: [] }],
      querystring: StreamQuery,
      response: {
        200: {
          description: 'An endless `text/event-stream`.',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        400: problem,
        401: problem,
      },
    },
    onRequest: async (req) => {
      if (req.actor) return;
      const ticket = new URLSearchParams(req.url.split('?')[1] ?? '').get('ticket');
      const actor = ticket ? await actorByStreamTicket(db, ticket) : undefined;
      if (!actor) throw new UnauthenticatedError();
      req.actor = actor;
    },
    handler: async (req, reply) => {
      const actor = req.actor as Actor;
      const query = req.query as StreamQueryOut;
      const from = await startPosition(db, req, query.after_id);
      reply.hijack();
      const stream = openSseStream(reply.raw, {
        hub,
        from,
        read: (position, limit) => readFor(db, actor, query, position, limit),
        settings: { heartbeatMs: opts.heartbeatMs, retryMs: opts.retryMs, batch: 100 },
        headers: { 'x-request-id': String(req.id) },
        logger: req.log,
      });
      open.add(stream);
      // Shutdown began while the position was read: end at once (the client reconnects elsewhere)
      // rather than hold close() open.
      if (closing) stream.end();
      await stream.done;
      open.delete(stream);
    },
  });
}

/** One read of a connection: the caller's visibility and filters, in commit order. */
async function readFor(db: Db, actor: Actor, f: EventFilters, from: LogPosition, limit: number) {
  return inTransaction(db, async (tx) => {
    const batch = await readFinalEvents(tx, applyEventFilters(visibleEvents(tx, actor), f), from, limit);
    return { rows: batch.rows.map(presentEvent), next: batch.next };
  });
}

/** Where a connection starts: after `Last-Event-ID` (or `after_id`), else at the present. */
async function startPosition(db: Db, req: FastifyRequest, afterId: number | undefined): Promise<LogPosition> {
  const header = req.headers['last-event-id'];
  const raw = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
  if (raw !== undefined && !/^\d{1,18}$/.test(raw)) {
    throw ValidationError.field('/headers/last-event-id', 'Must be an event id.', 'invalid_last_event_id');
  }
  const id = raw !== undefined ? Number(raw) : afterId;
  return inTransaction(db, async (tx) => {
    if (id === undefined) return currentPosition(tx);
    const p = id === 0 ? { tx: 0n, id: 0 } : await positionOfEvent(tx, id);
    if (!p)
      throw ValidationError.field('/headers/last-event-id', 'No event has this id.', 'unknown_event_id');
    return p;
  });
}
