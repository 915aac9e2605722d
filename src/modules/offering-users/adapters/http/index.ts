import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../platform/db/database.js';
import { offeringUserActionRoutes } from './offering-user-action-routes.js';
import { offeringUserRoutes } from './offering-user-routes.js';

/** Every route of the offering-users module. */
export function registerOfferingUserRoutes(app: FastifyInstance, db: Db): void {
  offeringUserActionRoutes(app, db);
  offeringUserRoutes(app, db);
}
