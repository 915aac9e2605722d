import type { Migration } from 'kysely';
import * as m0001 from './0001_identity.js';
import * as m0002 from './0002_marketplace.js';
import * as m0003 from './0003_order_list_indexes.js';
import * as m0004 from './0004_tenants.js';
import * as m0005 from './0005_approvals_notifications_usages.js';
import * as m0006 from './0006_integrations.js';
import * as m0007 from './0007_site_agent.js';
import * as m0008 from './0008_offering_users.js';
import * as m0009 from './0009_order_callbacks.js';
import * as m0011 from './0011_provider_roles.js';
import * as m0012 from './0012_bulk_jobs.js';
import * as m0013 from './0013_drift_escalation.js';
import * as m0014 from './0014_plan_component_management.js';
import * as m0015 from './0015_resource_users.js';
import * as m0016 from './0016_order_attachments.js';
import * as m0018 from './0018_resource_notifications.js';
import * as m0019 from './0019_organization_groups.js';
import * as m0020 from './0020_tenant_run_transitions.js';
import * as m0021 from './0021_resource_slug_numbers.js';
import * as m0022 from './0022_actor_ids_without_row_locks.js';

/**
 * Every migration, statically imported so they run the same from tsx, a build or a bundle.
 * Forward-only: append a new numbered file; never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_identity': m0001,
  '0002_marketplace': m0002,
  '0003_order_list_indexes': m0003,
  '0004_tenants': m0004,
  '0005_approvals_notifications_usages': m0005,
  '0006_integrations': m0006,
  '0007_site_agent': m0007,
  '0008_offering_users': m0008,
  '0009_order_callbacks': m0009,
  '0011_provider_roles': m0011,
  '0012_bulk_jobs': m0012,
  '0013_drift_escalation': m0013,
  '0014_plan_component_management': m0014,
  '0015_resource_users': m0015,
  '0016_order_attachments': m0016,
  '0018_resource_notifications': m0018,
  '0019_organization_groups': m0019,
  '0020_tenant_run_transitions': m0020,
  '0021_resource_slug_numbers': m0021,
  '0022_actor_ids_without_row_locks': m0022,
};
