import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { appWorkflows, WORKFLOW_VERSION } from '../../src/app/runtime.js';
import { type AppServices, buildApp } from '../../src/app/server.js';
import { workflowAsyncProcessors } from '../../src/flows/process-order/async.js';
import { type Heartbeat, startHeartbeat } from '../../src/platform/process/heartbeat.js';
import { startWorkflowEngine, type WorkflowEngine } from '../../src/platform/workflows/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';

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
  request<T = unknown>(method: string, path: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Also run the workflow engine in this process, so script and saga processing really happen. */
  workflows?: boolean;
}

/** Starts the real server (real socket, real fetch) on a database cloned from the template. */
export async function startTestServer(
  opts: TestServerOptions = {},
): Promise<TestServer & { engine?: WorkflowEngine }> {
  const tdb = await createTestDatabase();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let engine: WorkflowEngine | undefined;
  let heartbeat: Heartbeat | undefined;
  const services: AppServices = {};
  if (opts.workflows) {
    const executorId = `test-${tdb.name}`;
    heartbeat = await startHeartbeat(tdb.db, executorId, 'serve', logger);
    const defs = appWorkflows(tdb.db);
    engine = await startWorkflowEngine({
      db: tdb.db,
      databaseUrl: tdb.url,
      executorId,
      applicationVersion: WORKFLOW_VERSION,
      logger,
      workers: true,
      workflows: defs.all,
    });
    services.asyncProcessors = workflowAsyncProcessors(engine, defs.processOrder);
  }
  const app = await buildApp(tdb.db, logger, services);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    tdb,
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
      await app.close();
      await engine?.stop();
      await heartbeat?.stop();
      await tdb.drop();
    },
  };
}
