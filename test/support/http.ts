import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { IntegrationServices } from '../../src/app/integrations.js';
import { appProcessors } from '../../src/app/processors.js';
import { appWorkflows, WORKFLOW_VERSION } from '../../src/app/runtime.js';
import { type AppServices, buildApp } from '../../src/app/server.js';
import { bulkJobStarter } from '../../src/flows/bulk-orders/workflow.js';
import { tenantPorts } from '../../src/flows/provision-tenant/compose.js';
import { installProcessing } from '../../src/modules/orders/app/processing-port.js';
import type { TenantConsole } from '../../src/modules/tenants/adapters/console/console-server.js';
import type { TenantSettings } from '../../src/modules/tenants/app/settings.js';
import type { ActorCache } from '../../src/platform/auth/actor-cache.js';
import { startActorCache } from '../../src/platform/auth/auth-changes.js';
import { type Heartbeat, startHeartbeat } from '../../src/platform/process/heartbeat.js';
import { startWorkflowEngine, type WorkflowEngine } from '../../src/platform/workflows/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { installTestProcessing } from './processing.js';
import { startTestConsole, testTenantSettings, testTenantWiring } from './tenant-wiring.js';

/** A response as the tests look at it. */
export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Options of one request. */
export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A real Orderly HTTP server on a random port over a fresh database, and a fetch client for it. */
export interface TestServer {
  url: string;
  app: FastifyInstance;
  tdb: TestDatabase;
  /** The server's token → actor cache (wait on its notifications after changing users by SQL). */
  actorCache: ActorCache;
  request<T = unknown>(method: string, path: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * Also run the workflow engine in this process, so script and saga processing really happen
   * (with a tenant console listener); `'enqueue-only'`: an API process whose work spawned workers do.
   */
  workflows?: boolean | 'enqueue-only';
  /** Tenant saga settings (default: the spec's, faults on). */
  tenants?: Partial<TenantSettings>;
  /** Delays between the pulls a `remote-order` run makes after submitting (default: production's). */
  remotePullDelaysMs?: number[];
  /** Live stream, webhook and metrics settings; the test database's pool and URL are filled in. */
  integrations?: IntegrationServices;
}

/** Starts the real server (real socket, real fetch) on a database cloned from the template. */
export async function startTestServer(
  opts: TestServerOptions = {},
): Promise<TestServer & { engine?: WorkflowEngine }> {
  const tdb = await createTestDatabase();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let engine: WorkflowEngine | undefined;
  let heartbeat: Heartbeat | undefined;
  const tenantWiring = testTenantWiring(tdb, logger, testTenantSettings(opts.tenants));
  const auth = startActorCache(tdb.url, logger);
  const services: AppServices = {
    actorCache: auth.cache,
    tenants: { settings: tenantWiring.settings, secrets: tenantWiring.secrets },
    integrations: { pool: tdb.pool, listenUrl: tdb.url, ...opts.integrations },
  };
  let url = '';
  let tenantConsole: TenantConsole | undefined;
  if (opts.workflows) {
    const executorId = `test-${tdb.name}`;
    const workers = opts.workflows === true;
    if (workers) heartbeat = await startHeartbeat(tdb.db, executorId, 'serve', logger);
    const defs = appWorkflows(
      tdb.db,
      {
        publicUrl: () => url || undefined,
        ...(opts.remotePullDelaysMs ? { pullDelaysMs: opts.remotePullDelaysMs } : {}),
      },
      tenantWiring,
    );
    engine = await startWorkflowEngine({
      db: tdb.db,
      databaseUrl: tdb.url,
      executorId,
      applicationVersion: WORKFLOW_VERSION,
      logger,
      workers,
      workflows: defs.all,
    });
    // Replaces the engine-less processors every test file starts with (`processing.ts`) until close.
    installProcessing(appProcessors({ engine, ...defs }));
    services.startBulkJob = bulkJobStarter(engine, defs.bulkOrders);
    services.tenants = {
      settings: tenantWiring.settings,
      secrets: tenantWiring.secrets,
      cancelRun: tenantPorts(engine, defs.tenants, tenantWiring.settings).cancelRun,
    };
    if (workers) tenantConsole = await startTestConsole(tdb, tenantWiring, executorId);
  }
  const app = await buildApp(tdb.db, logger, { ...services, readDb: tdb.readDb });
  // Requests still in flight, named when a close step is slow (which one holds the shutdown).
  const inFlight = new Map<string, string>();
  app.addHook('onRequest', async (req) => {
    inFlight.set(String(req.id), `${req.method} ${req.url}`);
    req.raw.once('close', () => inFlight.delete(String(req.id)));
  });
  app.addHook('onResponse', async (req) => {
    inFlight.delete(String(req.id));
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    tdb,
    actorCache: auth.cache,
    async request<T>(method: string, path: string, opts: RequestOptions = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Token ${opts.token}`;
      let body: string | undefined;
      if (opts.rawBody !== undefined) body = opts.rawBody;
      else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(`${url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (HTML docs page): keep the text.
      }
      return { status: res.status, headers: res.headers, body: parsed as T, text };
    },
    engine,
    async close() {
      await step(
        'app.close',
        async () => {
          // A connection still open 5 s into the shutdown is cut, and said so on stderr: under full-suite
          // load events-stream.test.ts's close sometimes waited on one past the 60 s hook timeout (cause
          // not found; streams, in-flight requests and the event hub are bounded in the app itself).
          const cut = setTimeout(() => {
            app.server.getConnections((_err, n) => {
              process.stderr.write(`test server close: cutting ${n} connection(s) still open after 5 s\n`);
              app.server.closeAllConnections();
            });
          }, 5000);
          try {
            await app.close();
          } finally {
            clearTimeout(cut);
          }
        },
        () => [...inFlight.values()].join('; ') || 'none',
      );
      await step('auth.stop', () => auth.stop());
      await step('tenantConsole.stop', async () => tenantConsole?.stop());
      await step('engine.stop', async () => engine?.stop());
      if (engine) installTestProcessing();
      await step('heartbeat.stop', async () => heartbeat?.stop());
      await step('tdb.drop', () => tdb.drop());
    },
  };
}

/**
 * One shutdown step; one that takes over 10 s is named on stderr, so a hook timeout in CI says
 * which part of shutdown was waiting (teardown once exceeded its 60 s under load, not reproduced).
 */
async function step(name: string, fn: () => Promise<unknown>, detail?: () => string): Promise<void> {
  const t0 = Date.now();
  const slow = setTimeout(() => {
    // What the process still waits on (sockets, timers, …), to tell which part of shutdown hangs.
    const pending = new Map<string, number>();
    for (const r of process.getActiveResourcesInfo()) pending.set(r, (pending.get(r) ?? 0) + 1);
    const summary = [...pending].map(([r, n]) => `${r}×${n}`).join(', ');
    const more = detail ? `; in flight: ${detail()}` : '';
    process.stderr.write(`test server close: ${name} still running after 10 s; pending: ${summary}${more}\n`);
  }, 10_000);
  try {
    await fn();
  } finally {
    clearTimeout(slow);
    if (Date.now() - t0 > 10_000)
      process.stderr.write(`test server close: ${name} took ${Date.now() - t0} ms\n`);
  }
}
