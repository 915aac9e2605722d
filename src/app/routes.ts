import type { FastifyInstance } from 'fastify';
import { customerRoutes } from '../modules/identity/adapters/http/customer-routes.js';
import { projectRoutes } from '../modules/identity/adapters/http/project-routes.js';
import { providerRoutes } from '../modules/identity/adapters/http/provider-routes.js';
import { roleRoutes } from '../modules/identity/adapters/http/role-routes.js';
import { userRoutes } from '../modules/identity/adapters/http/user-routes.js';
import type { Db } from '../platform/db/database.js';
import { docsRoutes } from '../platform/http/docs.js';
import { healthRoutes } from '../platform/http/health.js';

/** Every HTTP route of Orderly, module by module. */
export function registerRoutes(app: FastifyInstance, db: Db, version: string): void {
  healthRoutes(app, db, version);
  docsRoutes(app);
  userRoutes(app, db);
  customerRoutes(app, db);
  projectRoutes(app, db);
  providerRoutes(app, db);
  roleRoutes(app, db);
}
