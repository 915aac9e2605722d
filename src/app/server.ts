import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AsyncProcessors } from '../flows/process-order/dispatch.js';
import { findActorByToken } from '../modules/identity/adapters/pg/user-repository.js';
import type { Db } from '../platform/db/database.js';
import { buildServer } from '../platform/http/server.js';
import { registerRoutes } from './routes.js';
import { VERSION } from './version.js';

/** Collaborators the HTTP app uses besides the database. */
export interface AppServices {
  /** Durable work for processors outside the database (scripts, remote calls, the tenant saga). */
  asyncProcessors?: AsyncProcessors;
}

/** The full Orderly HTTP app over a database (used by `orderly serve` and by the tests). */
export function buildApp(db: Db, logger: Logger, services: AppServices = {}): Promise<FastifyInstance> {
  return buildServer({
    logger,
    version: VERSION,
    authenticate: (token) => findActorByToken(db, token),
    routes: (app) => registerRoutes(app, db, VERSION, services),
  });
}
