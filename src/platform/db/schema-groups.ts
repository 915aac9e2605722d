import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';

/** `organization_groups` row (migration 0019): a tree of groups of organizations. */
export interface OrganizationGroupsTable {
  id: Id;
  uuid: Uuid;
  name: string;
  parent_id: number | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** `customer_organization_groups` row: an organization's membership of a group. */
export interface CustomerOrganizationGroupsTable {
  customer_id: number;
  group_id: number;
}

/** `offering_organization_groups` row: an offering limited to a group. */
export interface OfferingOrganizationGroupsTable {
  offering_id: number;
  group_id: number;
}

/** `plan_organization_groups` row: a plan limited to a group. */
export interface PlanOrganizationGroupsTable {
  plan_id: number;
  group_id: number;
}

/** Tables of migration 0019. */
export interface GroupTables {
  organization_groups: OrganizationGroupsTable;
  customer_organization_groups: CustomerOrganizationGroupsTable;
  offering_organization_groups: OfferingOrganizationGroupsTable;
  plan_organization_groups: PlanOrganizationGroupsTable;
}
