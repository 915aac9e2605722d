import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../platform/db/database.js';
import { cleanupRoutes } from './cleanup-routes.js';
import { identityActionRoutes } from './identity-action-routes.js';
import { identityRoutes } from './identity-routes.js';
import { integrationStatusRoutes } from './integration-status-routes.js';
import { logRoutes } from './log-routes.js';
import { processorRoutes } from './processor-routes.js';
import { serviceRoutes } from './service-routes.js';
import { statsRoutes } from './stats-routes.js';

/** Every route of the site agent module. */
export function siteAgentRoutes(app: FastifyInstance, db: Db): void {
  cleanupRoutes(app, db);
  identityRoutes(app, db);
  identityActionRoutes(app, db);
  serviceRoutes(app, db);
  processorRoutes(app, db);
  logRoutes(app, db);
  statsRoutes(app, db);
  integrationStatusRoutes(app, db);
}
