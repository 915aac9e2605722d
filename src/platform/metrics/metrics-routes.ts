import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { type Db, inTransaction } from '../db/database.js';
import { UnauthenticatedError } from '../errors.js';
import { ProblemSchema } from '../http/problem.js';
import { routeTable } from '../http/route.js';
import { type MetricFamily, type MetricSource, renderFamilies } from './exposition.js';

/** What `/metrics` reports besides the process's own figures. */
export interface MetricsOptions {
  /** The process's pool, for connection use. */
  pool?: pg.Pool | undefined;
  /** When set, scrapers must send `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Cluster-wide figures read from the database at scrape time. */
  sources: readonly MetricSource[];
}

/** Routes whose duration is no request latency (a stream stays open for hours). */
const UNTIMED = new Set(['/api/events/stream']);

function poolGauges(registry: Registry, pool: pg.Pool): void {
  new Gauge({
    name: 'orderly_db_pool_connections',
    help: 'Connections of this process’s database pool: total, idle and busy (checked out).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
    },
  });
  new Gauge({
    name: 'orderly_db_pool_waiting_requests',
    help: 'Queries of this process waiting for a free pool connection.',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
  new Gauge({
    name: 'orderly_db_pool_max',
    help: 'Size limit of this process’s database pool.',
    registers: [registry],
    collect() {
      this.set(pool.options.max ?? 10);
    },
  });
}

/** Runs each source in its own transaction; a failing one is reported down instead of failing the scrape. */
async function collectSources(db: Db, sources: readonly MetricSource[]): Promise<MetricFamily[]> {
  const families: MetricFamily[] = [];
  const up: MetricFamily = {
    name: 'orderly_metrics_source_up',
    help: 'Whether a database metrics source answered (1) or failed (0).',
    type: 'gauge',
    samples: [],
  };
  for (const s of sources) {
    try {
      families.push(...(await inTransaction(db, (tx) => s.collect(tx))));
      up.samples.push({ labels: { source: s.name }, value: 1 });
    } catch {
      up.samples.push({ labels: { source: s.name }, value: 0 });
    }
  }
  return [...families, up];
}

/**
 * `GET /metrics` (Prometheus text format) and the request-duration hook. Per-process figures (HTTP
 * durations by route pattern and status, pool use, Node's runtime) come from prom-client; figures
 * about the whole installation come from the database at scrape time, so every API process reports
 * the same values for them. Public unless a token is configured: bind the port privately or set it.
 */
export function metricsRoutes(app: FastifyInstance, db: Db, opts: MetricsOptions): void {
  const registry = new Registry();
  // Event-loop delay sampled once a second, not prom-client's default 10 ms: that timer woke the
  // process 100 times a second and was most of an idle server's CPU (`npm run bench`, idle line).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1000 });
  const durations = new Histogram({
    name: 'orderly_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  if (opts.pool) poolGauges(registry, opts.pool);
  app.addHook('onResponse', async (req, reply) => {
    // The pattern, never the raw URL: ids in paths would make one series per object.
    const route = req.routeOptions.url ?? 'unmatched';
    if (UNTIMED.has(route)) return;
    durations.observe(
      { method: req.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const expected = opts.token ? Buffer.from(`Bearer ${opts.token}`) : undefined;
  if (!routeTable.some((r) => r.url === '/metrics'))
    routeTable.push({ method: 'GET', url: '/metrics', pattern: /^\/metrics\/?$/ });
  app.route({
    method: 'GET',
    url: '/metrics',
    config: { public: true },
    schema: {
      operationId: 'metrics',
      summary: 'Prometheus metrics (Bearer ORDERLY_METRICS_TOKEN when configured)',
      tags: ['health'],
      response: {
        200: {
          description: 'Prometheus text format 0.0.4.',
          content: { 'text/plain': { schema: z.string() } },
        },
        401: { description: 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } },
      },
    },
    handler: async (req, reply) => {
      if (expected) {
        const given = Buffer.from(req.headers.authorization ?? '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          throw new UnauthenticatedError('A metrics token is required: Authorization: Bearer <token>.');
        }
      }
      const text = (await registry.metrics()) + renderFamilies(await collectSources(db, opts.sources));
      return reply
        .type(registry.contentType)
        .serializer((s: unknown) => String(s))
        .send(text);
    },
  });
}
