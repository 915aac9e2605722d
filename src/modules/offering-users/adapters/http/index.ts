import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../platform/db/database.js';
import { membershipSyncRoutes } from './membership-sync-routes.js';
import { offeringUserActionRoutes } from './offering-user-action-routes.js';
import { offeringUserRoutes } from './offering-user-routes.js';
import { providerOfferingExtraRoutes } from './provider-offering-extra-routes.js';
import { serviceProviderExtraRoutes } from './service-provider-extra-routes.js';
import { userLimitRoutes } from './user-limit-routes.js';
import { userUsageRoutes } from './user-usage-routes.js';

/** Every route of the offering-users module. */
export function registerOfferingUserRoutes(app: FastifyInstance, db: Db): void {
  offeringUserActionRoutes(app, db);
  offeringUserRoutes(app, db);
  userUsageRoutes(app, db);
  userLimitRoutes(app, db);
  providerOfferingExtraRoutes(app, db);
  serviceProviderExtraRoutes(app, db);
  membershipSyncRoutes(app, db);
}
