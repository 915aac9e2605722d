import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import type { DB } from '../platform/db/schema.js';
import { buildApp } from './server.js';

/**
 * The OpenAPI document as the server generates it from the route schemas. Needs no database: the
 * pool below is never connected because building the routes runs no query.
 */
export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/unused' });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const app = await buildApp(db, pino({ level: 'silent' }));
  await app.ready();
  const doc = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  await pool.end();
  return doc;
}

/** Stable text form of the document (what is committed under `openapi/`). */
export function serializeOpenApi(doc: Record<string, unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
