import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { addRoute } from './route.js';

const Health = z.object({ status: z.string(), detail: z.string().optional() }).meta({ id: 'Health' });

/** `/healthz` (the process is alive) and `/readyz` (database reachable, migrations applied). */
export function healthRoutes(app: FastifyInstance, db: Db, version: string): void {
  addRoute(app, {
    method: 'GET',
    url: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness: the process answers',
    tags: ['health'],
    public: true,
    responses: { 200: Health },
    tx: 'none',
    handler: async () => ({ status: 200, body: { status: 'ok' } }),
  });

  addRoute(app, {
    method: 'GET',
    url: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness: database reachable and every migration applied',
    tags: ['health'],
    public: true,
    responses: { 200: Health, 503: Health },
    tx: 'none',
    handler: async () => {
      try {
        await sql`SELECT 1`.execute(db);
        const pending = await pendingMigrations(db);
        if (pending.length > 0)
          return { status: 503, body: { status: 'migrating', detail: pending.join(', ') } };
        return { status: 200, body: { status: 'ready' } };
      } catch (err) {
        return { status: 503, body: { status: 'unavailable', detail: String((err as Error).message) } };
      }
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/version/',
    operationId: 'version_retrieve',
    summary: 'Server version (Waldur site agents read it)',
    tags: ['health'],
    public: true,
    responses: { 200: z.object({ version: z.string(), latest_version: z.string() }) },
    tx: 'none',
    handler: async () => ({ status: 200, body: { version, latest_version: version } }),
  });
}
