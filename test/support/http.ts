import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app/server.js';
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

/** Starts the real server (real socket, real fetch) on a database cloned from the template. */
export async function startTestServer(): Promise<TestServer> {
  const tdb = await createTestDatabase();
  const app = await buildApp(tdb.db, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
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
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}
