import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { findActorByToken } from '../modules/identity/adapters/pg/user-repository.js';
import type { Db } from '../platform/db/database.js';
import { buildServer } from '../platform/http/server.js';
import { registerRoutes } from './routes.js';
import { VERSION } from './version.js';

/** The full Orderly HTTP app over a database (used by `orderly serve` and by the tests). */
export function buildApp(db: Db, logger: Logger): Promise<FastifyInstance> {
  return buildServer({
    logger,
    version: VERSION,
    authenticate: (token) => findActorByToken(db, token),
    routes: (app) => registerRoutes(app, db, VERSION),
  });
}
