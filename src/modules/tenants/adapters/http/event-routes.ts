import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../../../../platform/db/database.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { type TenantEventEnvelope, tenantEvents } from '../pg/event-feed.js';
import { loadVisibleTenant, type TenantRouteDeps } from './deps.js';
import { TenantEventOut } from './schemas.js';

const POLL_MS = 250;
const KEEPALIVE_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One SSE frame: `id` is the event's sequence, so `Last-Event-ID` resumes exactly after it. */
const frame = (e: TenantEventEnvelope) =>
  `id: ${e.sequence}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/**
 * The tenant's audit feed (§9): `GET …/events/` oldest first with `?after=<sequence>` (and
 * `&wait=<s>` long-polls until something arrives), and `GET …/events/stream/` as Server-Sent Events
 * resuming from `Last-Event-ID`. Both read the events table, which is the outbox (G5): an event is
 * visible once the change it reports has committed, and sequence order is commit order per tenant.
 */
export function tenantEventRoutes(app: FastifyInstance, deps: TenantRouteDeps): void {
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const stop of streams) stop();
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/tenants/:uuid/events/',
    operationId: 'tenants_events',
    summary: "The tenant's audit feed, oldest first; `after` and `wait` make it a long poll",
    tags: ['tenants'],
    params: UuidParams,
    query: z.object({
      after: z.coerce
        .number()
        .int()
        .min(0)
        .default(0)
        .meta({ description: 'Only events after this sequence.' }),
      wait: z.coerce
        .number()
        .int()
        .min(0)
        .max(60)
        .default(0)
        .meta({ description: 'Seconds to wait for a first event.' }),
    }),
    responses: { 200: z.array(TenantEventOut) },
    // Waits (long poll, stream): the visibility check commits at once; no transaction is held open.
    tx: 'none',
    handler: async (ctx) => {
      const rec = await inTransaction(deps.db, (tx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid));
      const until = Date.now() + ctx.query.wait * 1000;
      for (;;) {
        const events = await tenantEvents(deps.db, rec.id, ctx.query.after);
        if (events.length > 0 || Date.now() >= until) return { status: 200, body: events };
        await sleep(POLL_MS);
      }
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/tenants/:uuid/events/stream/',
    operationId: 'tenants_events_stream',
    summary: "Server-Sent Events of the tenant's feed; resumes after `Last-Event-ID` (or `?after=`)",
    tags: ['tenants'],
    params: UuidParams,
    query: z.object({ after: z.coerce.number().int().min(0).optional() }),
    responses: {
      200: z
        .string()
        .meta({ description: '`text/event-stream`: `id` = sequence, `event` = type, `data` = the event.' }),
    },
    // Waits (long poll, stream): the visibility check commits at once; no transaction is held open.
    tx: 'none',
    handler: async (ctx) => {
      const rec = await inTransaction(deps.db, (tx) => loadVisibleTenant(tx, ctx.actor, ctx.params.uuid));
      const header = Number(ctx.req.headers['last-event-id']);
      let after = Number.isInteger(header) && header >= 0 ? header : (ctx.query.after ?? 0);
      const out = new PassThrough();
      let open = true;
      const stop = () => {
        open = false;
        out.end();
      };
      streams.add(stop);
      ctx.req.raw.on('close', stop);
      void (async () => {
        let quietSince = Date.now();
        out.write('retry: 2000\n\n');
        while (open) {
          const events = await tenantEvents(deps.db, rec.id, after).catch(() => []);
          for (const e of events) {
            out.write(frame(e));
            after = e.sequence;
          }
          if (events.length > 0) quietSince = Date.now();
          else if (Date.now() - quietSince > KEEPALIVE_MS) {
            out.write(': keep-alive\n\n');
            quietSince = Date.now();
          }
          await sleep(POLL_MS);
        }
        streams.delete(stop);
      })();
      return {
        status: 200,
        headers: {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          'x-accel-buffering': 'no',
        },
        body: out,
      };
    },
  });
}
