import type { FastifyInstance } from 'fastify';
import { cleanupRoutes } from './cleanup-routes.js';
import { identityActionRoutes } from './identity-action-routes.js';
import { identityRoutes } from './identity-routes.js';
import { integrationStatusRoutes } from './integration-status-routes.js';
import { logRoutes } from './log-routes.js';
import { processorRoutes } from './processor-routes.js';
import { serviceRoutes } from './service-routes.js';
import { statsRoutes } from './stats-routes.js';

/** Every route of the site agent module. */
export function siteAgentRoutes(app: FastifyInstance): void {
  cleanupRoutes(app);
  identityRoutes(app);
  identityActionRoutes(app);
  serviceRoutes(app);
  processorRoutes(app);
  logRoutes(app);
  statsRoutes(app);
  integrationStatusRoutes(app);
}
