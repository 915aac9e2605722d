import type { FastifyInstance } from 'fastify';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { tenantActionRoutes } from './action-routes.js';
import type { TenantRouteDeps } from './deps.js';
import { tenantEventRoutes } from './event-routes.js';
import { faultRoutes } from './fault-routes.js';
import { tenantRoutes } from './tenant-routes.js';

export type { TenantRouteDeps } from './deps.js';

/** Every route of the tenants module. */
export function registerTenantRoutes(
  app: FastifyInstance,
  deps: TenantRouteDeps & { secrets?: SecretBox | undefined },
): void {
  tenantRoutes(app, deps);
  tenantActionRoutes(app, deps);
  tenantEventRoutes(app, deps);
  faultRoutes(app, deps);
}
