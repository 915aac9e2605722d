import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';
import type { JsonObject } from './schema-marketplace.js';

/** Tables of migration 0008 (offering users, per-user usages and limits, attribute configs). */

type Numeric = ColumnType<string, string | number, string | number>;

/** `offering_users` row: a person's account at an offering; `state` is Waldur's label. */
export interface OfferingUsersTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  user_id: number;
  username: string | null;
  state: Generated<string>;
  is_restricted: Generated<boolean>;
  service_provider_comment: Generated<string>;
  service_provider_comment_url: Generated<string>;
  propagation_date: Date | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** `component_user_usages` row: one user's share of a monthly component usage. */
export interface ComponentUserUsagesTable {
  id: Id;
  uuid: Uuid;
  component_usage_id: number;
  offering_user_id: number | null;
  username: string;
  usage: Numeric;
  description: Generated<string>;
  backend_id: Generated<string>;
  date: Date | string;
  created: CreatedAt;
  modified: Timestamp;
}

/** `component_user_usage_limits` row: a per-user limit of a resource's component. */
export interface ComponentUserUsageLimitsTable {
  id: Id;
  uuid: Uuid;
  resource_id: number;
  component_id: number;
  offering_user_id: number;
  limit: Numeric;
  created: CreatedAt;
  modified: Timestamp;
}

/** `offering_user_attribute_configs` row: which user attributes an offering exposes. */
export interface OfferingUserAttributeConfigsTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  flags: JsonObject;
  created: CreatedAt;
  modified: Timestamp;
}

/** `resource_member_sync_statuses` row: the site agent's last report for one member. */
export interface ResourceMemberSyncStatusesTable {
  id: Id;
  resource_id: number;
  user_id: number;
  scope_type: 'resource' | 'resource_project';
  role_name: string;
  state: 'error' | 'missing_in_idp' | 'pending' | 'synced';
  message: Generated<string>;
  created: CreatedAt;
}

/** The tables of the offering-users module. */
export interface OfferingUserTables {
  offering_users: OfferingUsersTable;
  component_user_usages: ComponentUserUsagesTable;
  component_user_usage_limits: ComponentUserUsageLimitsTable;
  offering_user_attribute_configs: OfferingUserAttributeConfigsTable;
  resource_member_sync_statuses: ResourceMemberSyncStatusesTable;
}
