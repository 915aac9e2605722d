import type { FastifyInstance } from 'fastify';
import { bulkOrderRoutes } from '../flows/bulk-orders/routes.js';
import { remoteOrderRoutes } from '../flows/remote-orders/routes.js';
import { eventRoutes } from '../modules/audit/adapters/http/event-routes.js';
import { bulkJobRoutes } from '../modules/bulk-jobs/adapters/http/bulk-job-routes.js';
import { driftRoutes } from '../modules/drift/adapters/http/drift-routes.js';
import { customerRoutes } from '../modules/identity/adapters/http/customer-routes.js';
import { organizationGroupRoutes } from '../modules/identity/adapters/http/organization-group-routes.js';
import { projectRoutes } from '../modules/identity/adapters/http/project-routes.js';
import { providerRoutes } from '../modules/identity/adapters/http/provider-routes.js';
import { roleRoutes } from '../modules/identity/adapters/http/role-routes.js';
import { userRoutes } from '../modules/identity/adapters/http/user-routes.js';
import { approvalSlaRoutes } from '../modules/notifications/adapters/http/approval-sla-routes.js';
import { notificationRoutes } from '../modules/notifications/adapters/http/notification-routes.js';
import { notificationSettingsRoutes } from '../modules/notifications/adapters/http/notification-settings-routes.js';
import { registerOfferingUserRoutes } from '../modules/offering-users/adapters/http/index.js';
import { categoryRoutes } from '../modules/offerings/adapters/http/category-routes.js';
import { planRoutes } from '../modules/offerings/adapters/http/plan-routes.js';
import { providerOfferingRoutes } from '../modules/offerings/adapters/http/provider-offering-routes.js';
import { publicOfferingRoutes } from '../modules/offerings/adapters/http/public-offering-routes.js';
import { autoApprovalRoutes } from '../modules/orders/adapters/http/auto-approval-routes.js';
import { orderActionRoutes } from '../modules/orders/adapters/http/order-action-routes.js';
import { orderAttachmentRoutes } from '../modules/orders/adapters/http/order-attachment-routes.js';
import { orderHistoryRoutes } from '../modules/orders/adapters/http/order-history-routes.js';
import { orderMessagingRoutes } from '../modules/orders/adapters/http/order-messaging-routes.js';
import { orderRoutes } from '../modules/orders/adapters/http/order-routes.js';
import { orderSubRoutes } from '../modules/orders/adapters/http/order-sub-routes.js';
import { orderPreflightRoutes } from '../modules/orders/adapters/http/preflight-routes.js';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../modules/orders/domain/attachment.js';
import { offeringFigureRoutes } from '../modules/provider-figures/adapters/http/offering-figure-routes.js';
import { providerFigureRoutes } from '../modules/provider-figures/adapters/http/provider-figure-routes.js';
import { consumerResourceActionRoutes } from '../modules/resources/adapters/http/consumer-action-routes.js';
import { resourceEditRoutes } from '../modules/resources/adapters/http/edit-routes.js';
import { orderResourceRoute } from '../modules/resources/adapters/http/order-resource-route.js';
import { providerResourceActionRoutes } from '../modules/resources/adapters/http/provider-action-routes.js';
import { resourceRoutes } from '../modules/resources/adapters/http/resource-routes.js';
import { sharedResourceActionRoutes } from '../modules/resources/adapters/http/shared-action-routes.js';
import { usageRoutes } from '../modules/resources/adapters/http/usage-routes.js';
import { resourceUserRoutes } from '../modules/resources/adapters/http/user-routes.js';
import { siteAgentRoutes } from '../modules/site-agent/adapters/http/index.js';
import { registerTenantRoutes } from '../modules/tenants/adapters/http/index.js';
import { DEFAULT_TENANT_SETTINGS } from '../modules/tenants/app/settings.js';
import type { Db } from '../platform/db/database.js';
import { configurationRoutes } from '../platform/http/configuration.js';
import { docsRoutes } from '../platform/http/docs.js';
import { healthRoutes } from '../platform/http/health.js';
import { demoRoutes } from './demo-routes.js';
import { integrationRoutes } from './integrations.js';
import type { AppServices } from './services.js';

/** Every HTTP route of Orderly, module by module. */
export function registerRoutes(
  app: FastifyInstance,
  db: Db,
  version: string,
  services: AppServices = {},
): void {
  healthRoutes(app, db, version);
  configurationRoutes(app, services.currency ?? 'EUR');
  docsRoutes(app);
  demoRoutes(app, services.demo);
  userRoutes(app);
  customerRoutes(app);
  organizationGroupRoutes(app, db);
  projectRoutes(app);
  providerRoutes(app);
  roleRoutes(app);
  categoryRoutes(app);
  providerOfferingRoutes(app, db);
  offeringFigureRoutes(app);
  providerFigureRoutes(app);
  publicOfferingRoutes(app);
  planRoutes(app);
  orderSubRoutes(app);
  orderRoutes(app);
  orderPreflightRoutes(app);
  orderActionRoutes(app);
  orderHistoryRoutes(app);
  orderMessagingRoutes(app);
  orderAttachmentRoutes(app, {
    db,
    maxBytes: services.orderAttachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
  });
  autoApprovalRoutes(app);
  bulkOrderRoutes(app, { db, start: services.startBulkJob });
  bulkJobRoutes(app);
  orderResourceRoute(app);
  resourceRoutes(app);
  sharedResourceActionRoutes(app);
  consumerResourceActionRoutes(app);
  providerResourceActionRoutes(app);
  resourceEditRoutes(app);
  resourceUserRoutes(app);
  driftRoutes(app);
  approvalSlaRoutes(app);
  registerTenantRoutes(app, {
    db,
    settings: services.tenants?.settings ?? DEFAULT_TENANT_SETTINGS,
    secrets: services.tenants?.secrets,
    ...(services.tenants?.cancelRun ? { cancelRun: services.tenants.cancelRun } : {}),
  });
  usageRoutes(app);
  remoteOrderRoutes(app);
  eventRoutes(app);
  notificationRoutes(app);
  notificationSettingsRoutes(app);
  registerOfferingUserRoutes(app);
  siteAgentRoutes(app);
  integrationRoutes(app, db, services.integrations, services.tenants?.secrets);
}
