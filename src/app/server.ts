import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { BulkJobStarter } from '../flows/bulk-orders/workflow.js';
import { findActorByToken } from '../modules/identity/adapters/pg/user-repository.js';
import type { TenantServices } from '../modules/tenants/adapters/http/deps.js';
import type { Db } from '../platform/db/database.js';
import { buildServer } from '../platform/http/server.js';
import { registerWebApp } from '../platform/http/static.js';
import type { DemoOptions } from './demo-routes.js';
import type { IntegrationServices } from './integrations.js';
import { registerRoutes } from './routes.js';
import { VERSION } from './version.js';

/** The built web UI of this checkout (`npm run build:web` writes it). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** What differs between the processes (and tests) that serve the app. */
export interface AppServices {
  /** Starts bulk jobs on the workflow engine; without it bulk requests are refused. Order processing is installed per process (`installProcessing`). */
  startBulkJob?: BulkJobStarter;
  /** Set when this process seeded demo data: `GET /api/demo-users/` then lists the demo tokens. */
  demo?: DemoOptions | undefined;
  /** Tenant routes: saga settings, the secret box (setup links) and Reset's workflow cancel. */
  tenants?: TenantServices;
  /** Live event stream, webhooks and metrics: pool, LISTEN URL, secret box, settings. */
  integrations?: IntegrationServices;
  /** Folder of the built web UI served at `/`; defaults to {@link WEB_DIST}. */
  webRoot?: string;
  /** Currency of prices and costs (`GET /api/configuration/`); EUR, Waldur's default, when unset. */
  currency?: string;
  /** Largest purchase-order PDF in bytes; 10 MiB when unset. */
  orderAttachmentMaxBytes?: number;
}

/** The full Orderly HTTP app over a database (used by `orderly serve` and by the tests). */
export function buildApp(db: Db, logger: Logger, services: AppServices = {}): Promise<FastifyInstance> {
  return buildServer({
    logger,
    db,
    version: VERSION,
    authenticate: (token) => findActorByToken(db, token),
    routes: async (app) => {
      registerRoutes(app, db, VERSION, services);
      await registerWebApp(app, services.webRoot ?? WEB_DIST);
    },
  });
}
