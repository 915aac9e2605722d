import type { Generated } from 'kysely';
import type {
  ComponentUsagesTable,
  NotificationsTable,
  ProjectOrderAutoApprovalsTable,
  UserNotificationOptOutsTable,
} from './schema-approvals.js';
import type { AttachmentTables } from './schema-attachments.js';
import type { BulkTables } from './schema-bulk.js';
import type { CallbackTables } from './schema-callbacks.js';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';
import type { ApprovalSlaTables, DriftTables } from './schema-drift.js';
import type { GroupTables } from './schema-groups.js';
import type { HookTables } from './schema-hooks.js';
import type {
  EventsTable,
  IdempotencyKeysTable,
  OfferingCategoriesTable,
  OfferingComponentsTable,
  OfferingsTable,
  OfferingThumbnailsTable,
  OrderAttemptsTable,
  OrdersTable,
  OrderTransitionsTable,
  PlanComponentsTable,
  PlansTable,
  ResourcesTable,
  ResourceTransitionsTable,
} from './schema-marketplace.js';
import type { OfferingUserTables } from './schema-offering-users.js';
import type { SiteAgentTables } from './schema-site-agent.js';
import type { TenantTables } from './schema-tenants.js';

export type * from './schema-approvals.js';
export type * from './schema-callbacks.js';
export type * from './schema-drift.js';
export type * from './schema-hooks.js';
export type * from './schema-marketplace.js';
export type * from './schema-offering-users.js';
export type * from './schema-site-agent.js';
export type * from './schema-tenants.js';

/**
 * Kysely's view of the tables (kept by hand next to the migrations; `test/db.schema.test.ts`
 * compares it with the migrated database so the two cannot drift).
 */

export type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';

/** `users` row. */
export interface UsersTable {
  id: Id;
  uuid: Uuid;
  username: string;
  email: Generated<string>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  organization: Generated<string>;
  job_title: Generated<string>;
  is_staff: Generated<boolean>;
  is_support: Generated<boolean>;
  is_active: Generated<boolean>;
  token_lifetime: number | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** `api_tokens` row: a hash, never the token. */
export interface ApiTokensTable {
  id: Id;
  user_id: number;
  token_hash: Buffer;
  token_prefix: string;
  created: CreatedAt;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** `customers` row (an organization). */
export interface CustomersTable {
  id: Id;
  uuid: Uuid;
  name: string;
  slug: string;
  abbreviation: Generated<string>;
  native_name: Generated<string>;
  email: Generated<string>;
  backend_id: Generated<string>;
  blocked: Generated<boolean>;
  archived: Generated<boolean>;
  created: CreatedAt;
  modified: Timestamp;
}

/** `projects` row; `removed_at` marks a soft delete. Dates are `YYYY-MM-DD` strings. */
export interface ProjectsTable {
  id: Id;
  uuid: Uuid;
  customer_id: number;
  name: string;
  slug: string;
  description: Generated<string>;
  backend_id: Generated<string>;
  start_date: string | null;
  end_date: string | null;
  removed_at: Date | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** `service_providers` row: one per customer that publishes offerings. */
export interface ServiceProvidersTable {
  id: Id;
  uuid: Uuid;
  customer_id: number;
  description: Generated<string>;
  enable_notifications: Generated<boolean>;
  created: CreatedAt;
  modified: Timestamp;
}

/** `roles` row. */
export interface RolesTable {
  id: Id;
  uuid: Uuid;
  name: string;
  description: Generated<string>;
  content_type: 'customer' | 'project' | 'offering' | 'resource';
  is_system_role: Generated<boolean>;
  is_active: Generated<boolean>;
  created: CreatedAt;
  modified: Timestamp;
}

/** `role_permissions` row: the role → permission table as data. */
export interface RolePermissionsTable {
  role_id: number;
  permission: string;
}

/** `user_roles` row: a grant of a role on a scope. */
export interface UserRolesTable {
  id: Id;
  uuid: Uuid;
  user_id: number;
  role_id: number;
  scope_type: 'customer' | 'project' | 'offering' | 'resource';
  scope_id: number;
  expiration_time: Date | null;
  is_active: Generated<boolean>;
  created_by: number | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** `process_heartbeats` row. */
export interface ProcessHeartbeatsTable {
  executor_id: string;
  role: string;
  hostname: string;
  pid: number;
  instance: string;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
}

/** The whole database as Kysely sees it. */
export interface DB
  extends TenantTables,
    HookTables,
    SiteAgentTables,
    CallbackTables,
    BulkTables,
    OfferingUserTables,
    DriftTables,
    ApprovalSlaTables,
    AttachmentTables,
    GroupTables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  projects: ProjectsTable;
  service_providers: ServiceProvidersTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  user_roles: UserRolesTable;
  process_heartbeats: ProcessHeartbeatsTable;
  offering_categories: OfferingCategoriesTable;
  offerings: OfferingsTable;
  offering_components: OfferingComponentsTable;
  offering_thumbnails: OfferingThumbnailsTable;
  plans: PlansTable;
  plan_components: PlanComponentsTable;
  resources: ResourcesTable;
  orders: OrdersTable;
  order_attempts: OrderAttemptsTable;
  order_transitions: OrderTransitionsTable;
  resource_transitions: ResourceTransitionsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  project_order_auto_approvals: ProjectOrderAutoApprovalsTable;
  notifications: NotificationsTable;
  user_notification_opt_outs: UserNotificationOptOutsTable;
  component_usages: ComponentUsagesTable;
}
