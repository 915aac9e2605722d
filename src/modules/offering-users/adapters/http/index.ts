import type { FastifyInstance } from 'fastify';
import { membershipSyncRoutes } from './membership-sync-routes.js';
import { offeringUserActionRoutes } from './offering-user-action-routes.js';
import { offeringUserRoutes } from './offering-user-routes.js';
import { providerOfferingExtraRoutes } from './provider-offering-extra-routes.js';
import { serviceProviderExtraRoutes } from './service-provider-extra-routes.js';
import { userLimitRoutes } from './user-limit-routes.js';
import { userUsageRoutes } from './user-usage-routes.js';

/** Every route of the offering-users module. */
export function registerOfferingUserRoutes(app: FastifyInstance): void {
  offeringUserActionRoutes(app);
  offeringUserRoutes(app);
  userUsageRoutes(app);
  userLimitRoutes(app);
  providerOfferingExtraRoutes(app);
  serviceProviderExtraRoutes(app);
  membershipSyncRoutes(app);
}
