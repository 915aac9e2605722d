import type { FastifyInstance } from 'fastify';
import { noAsyncProcessors, processingPort } from '../flows/process-order/dispatch.js';
import { eventRoutes } from '../modules/audit/adapters/http/event-routes.js';
import { customerRoutes } from '../modules/identity/adapters/http/customer-routes.js';
import { projectRoutes } from '../modules/identity/adapters/http/project-routes.js';
import { providerRoutes } from '../modules/identity/adapters/http/provider-routes.js';
import { roleRoutes } from '../modules/identity/adapters/http/role-routes.js';
import { userRoutes } from '../modules/identity/adapters/http/user-routes.js';
import { categoryRoutes } from '../modules/offerings/adapters/http/category-routes.js';
import { planRoutes } from '../modules/offerings/adapters/http/plan-routes.js';
import { providerOfferingRoutes } from '../modules/offerings/adapters/http/provider-offering-routes.js';
import { publicOfferingRoutes } from '../modules/offerings/adapters/http/public-offering-routes.js';
import { orderActionRoutes } from '../modules/orders/adapters/http/order-action-routes.js';
import { orderRoutes } from '../modules/orders/adapters/http/order-routes.js';
import { orderSubRoutes } from '../modules/orders/adapters/http/order-sub-routes.js';
import { consumerResourceActionRoutes } from '../modules/resources/adapters/http/consumer-action-routes.js';
import { orderResourceRoute } from '../modules/resources/adapters/http/order-resource-route.js';
import { providerResourceActionRoutes } from '../modules/resources/adapters/http/provider-action-routes.js';
import { resourceRoutes } from '../modules/resources/adapters/http/resource-routes.js';
import { sharedResourceActionRoutes } from '../modules/resources/adapters/http/shared-action-routes.js';
import type { Db } from '../platform/db/database.js';
import { docsRoutes } from '../platform/http/docs.js';
import { healthRoutes } from '../platform/http/health.js';
import { demoRoutes } from './demo-routes.js';
import type { AppServices } from './server.js';

/** Every HTTP route of Orderly, module by module. */
export function registerRoutes(
  app: FastifyInstance,
  db: Db,
  version: string,
  services: AppServices = {},
): void {
  healthRoutes(app, db, version);
  docsRoutes(app);
  demoRoutes(app, db, services.demo);
  userRoutes(app, db);
  customerRoutes(app, db);
  projectRoutes(app, db);
  providerRoutes(app, db);
  roleRoutes(app, db);
  categoryRoutes(app, db);
  providerOfferingRoutes(app, db);
  publicOfferingRoutes(app, db);
  planRoutes(app, db);
  const orderDeps = {
    db,
    ports: { processing: processingPort(services.asyncProcessors ?? noAsyncProcessors) },
  };
  orderSubRoutes(app, orderDeps);
  orderRoutes(app, orderDeps);
  orderActionRoutes(app, orderDeps);
  orderResourceRoute(app, orderDeps);
  resourceRoutes(app, orderDeps);
  sharedResourceActionRoutes(app, orderDeps);
  consumerResourceActionRoutes(app, orderDeps);
  providerResourceActionRoutes(app, orderDeps);
  eventRoutes(app, db);
}
