import type { BulkJobStarter } from '../flows/bulk-orders/workflow.js';
import type { TenantServices } from '../modules/tenants/adapters/http/deps.js';
import type { ActorCache } from '../platform/auth/actor-cache.js';
import type { Db } from '../platform/db/database.js';
import type { DemoOptions } from './demo-routes.js';
import type { IntegrationServices } from './integrations.js';

/** What differs between the processes (and tests) that serve the app. */
export interface AppServices {
  /** The database of read routes (`openReadDb`); without it reads run in a READ ONLY transaction on the main one. */
  readDb?: Db;
  /** Starts bulk jobs on the workflow engine; without it bulk requests are refused. Order processing is installed per process (`installProcessing`). */
  startBulkJob?: BulkJobStarter;
  /** Set when this process seeded demo data: `GET /api/demo-users/` then lists the demo tokens. */
  demo?: DemoOptions | undefined;
  /** Tenant routes: saga settings, the secret box (setup links) and Reset's workflow cancel. */
  tenants?: TenantServices;
  /** Live event stream, webhooks and metrics: pool, LISTEN URL, secret box, settings. */
  integrations?: IntegrationServices;
  /** Token → actor cache to use (tests watch it); otherwise one is started from `integrations.listenUrl`, none without it. */
  actorCache?: ActorCache;
  /** Folder of the built web UI served at `/`; defaults to `WEB_DIST` (server.ts). */
  webRoot?: string;
  /** Currency of prices and costs (`GET /api/configuration/`); EUR, Waldur's default, when unset. */
  currency?: string;
  /** Largest purchase-order PDF in bytes; 10 MiB when unset. */
  orderAttachmentMaxBytes?: number;
}
