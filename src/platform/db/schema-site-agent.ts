import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';

/** Tables of migration 0007 (site agents) as Kysely sees them; written only by `modules/site-agent`. */

/** A jsonb column holding any JSON value. */
type Json = ColumnType<unknown, string | undefined, string>;

/** `site_agent_identities` row: one running Waldur site agent of an offering. */
export interface SiteAgentIdentitiesTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  created_by_id: number | null;
  name: string;
  version: string | null;
  dependencies: Json;
  config_file_path: string | null;
  config_file_content: string | null;
  last_restarted: Timestamp;
  created: CreatedAt;
  modified: Timestamp;
}

/** `site_agent_services` row: a service inside an agent (order processing, reporting…). */
export interface SiteAgentServicesTable {
  id: Id;
  uuid: Uuid;
  identity_id: number;
  name: string;
  mode: string | null;
  state: Generated<number>;
  statistics: Json;
  created: CreatedAt;
  modified: Timestamp;
}

/** `site_agent_processors` row: a backend processor of a service. */
export interface SiteAgentProcessorsTable {
  id: Id;
  uuid: Uuid;
  service_id: number;
  name: string;
  backend_type: string;
  backend_version: string | null;
  last_run: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created: CreatedAt;
  modified: Timestamp;
}

/** `site_agent_logs` row: one log line shipped by an agent. */
export interface SiteAgentLogsTable {
  id: Id;
  uuid: Uuid;
  identity_id: number;
  timestamp: number;
  level: string;
  message: string;
  module: string;
  created: CreatedAt;
}

/** `site_agent_integration_statuses` row: when an agent kind last called in for an offering. */
export interface SiteAgentIntegrationStatusesTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  agent_type: string;
  status: Generated<string>;
  service_name: Generated<string>;
  last_request_timestamp: Date | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** The tables of migration 0007, composed into `DB`. */
export interface SiteAgentTables {
  site_agent_identities: SiteAgentIdentitiesTable;
  site_agent_services: SiteAgentServicesTable;
  site_agent_processors: SiteAgentProcessorsTable;
  site_agent_logs: SiteAgentLogsTable;
  site_agent_integration_statuses: SiteAgentIntegrationStatusesTable;
}
