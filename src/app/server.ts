import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { findActorByToken, findTokenActor } from '../modules/identity/adapters/pg/user-repository.js';
import { hashToken } from '../modules/identity/domain/tokens.js';
import { startActorCache } from '../platform/auth/auth-changes.js';
import type { Db } from '../platform/db/database.js';
import { buildServer } from '../platform/http/server.js';
import { registerWebApp } from '../platform/http/static.js';
import { registerRoutes } from './routes.js';
import type { AppServices } from './services.js';
import { VERSION } from './version.js';

/** The built web UI of this checkout (`npm run build:web` writes it). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type { AppServices } from './services.js';

/** The full Orderly HTTP app over a database (used by `orderly serve` and by the tests). */
export function buildApp(db: Db, logger: Logger, services: AppServices = {}): Promise<FastifyInstance> {
  const listenUrl = services.integrations?.listenUrl;
  // Started here, stopped with the app; a cache passed in belongs to the caller.
  const own = !services.actorCache && listenUrl ? startActorCache(listenUrl, logger) : undefined;
  const cache = services.actorCache ?? own?.cache;
  return buildServer({
    logger,
    db,
    readDb: services.readDb,
    version: VERSION,
    authenticate: cache
      ? (token) =>
          cache.lookup(hashToken(token).toString('hex'), (h) => findTokenActor(db, Buffer.from(h, 'hex')))
      : (token) => findActorByToken(db, token),
    routes: async (app) => {
      if (own) app.addHook('onClose', () => own.stop());
      registerRoutes(app, db, VERSION, services);
      await registerWebApp(app, services.webRoot ?? WEB_DIST);
    },
  });
}
