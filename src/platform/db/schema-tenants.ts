import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';
import type { JsonArray } from './schema-marketplace.js';

/** Tenant tables (migration 0004, tenant spec) as Kysely sees them. */

/** A nullable jsonb column. */
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** A timestamptz column that may be null. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** `certificate_authorities` row: the local CA (key material sealed with the secret key). */
export interface CertificateAuthoritiesTable {
  id: Id;
  name: string;
  cert_pem: string;
  key_enc: Buffer;
  key_id: string;
  not_after: Date;
  created: CreatedAt;
}

/** `tenants` row; `state` is the public tenant state (§3.1). */
export interface TenantsTable {
  id: Id;
  uuid: Uuid;
  resource_id: number;
  creation_order_id: number;
  offering_id: number;
  plan_id: number;
  project_id: number;
  name: string;
  slug: string;
  admin_email: string;
  base_domain: string;
  storage_kind: 'schema' | 'database';
  state: string;
  event_seq: Generated<number>;
  admin_console_url: string | null;
  created: CreatedAt;
  modified: Timestamp;
  activated_at: NullableTimestamp;
  decommissioned_at: NullableTimestamp;
}

/** `tenant_runs` row: one provisioning attempt or decommission run. */
export interface TenantRunsTable {
  id: Id;
  uuid: Uuid;
  tenant_id: number;
  kind: 'provision' | 'decommission';
  number: number;
  workflow_id: string;
  order_id: number;
  trigger: string;
  actor_id: number | null;
  reason: Generated<string>;
  status: Generated<string>;
  start_step: string | null;
  reused_steps: JsonArray;
  plan_note: Generated<string>;
  force_destroy: Generated<boolean>;
  deadline_at: Date;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  failed_activity: string | null;
  error: NullableJson;
}

/** `tenant_run_transitions` row: one move of a run's status, appended by its one writer. */
export interface TenantRunTransitionsTable {
  id: Id;
  run_id: number;
  from_status: string | null;
  to_status: string;
  failed_activity: string | null;
  created: CreatedAt;
}

/** `tenant_step_runs` row: a step within a run, with its checkpoint. */
export interface TenantStepRunsTable {
  id: Id;
  run_id: number;
  step: string;
  position: number;
  status: string;
  output: NullableJson;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
  reused_from_attempt: number | null;
}

/** `tenant_step_tries` row: one invocation of a step. */
export interface TenantStepTriesTable {
  id: Id;
  step_run_id: number;
  try_number: number;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  outcome: Generated<string>;
  error_code: string | null;
  error_message: string | null;
  error_stack: string | null;
  retryable: boolean | null;
  next_try_at: NullableTimestamp;
  worker: string;
}

/** `tenant_transitions` row (append-only). */
export interface TenantTransitionsTable {
  id: Id;
  tenant_id: number;
  from_state: string | null;
  to_state: string;
  actor_id: number | null;
  reason: Generated<string>;
  run_id: number | null;
  forced: Generated<boolean>;
  is_valid: Generated<boolean>;
  previous_id: number | null;
  created: CreatedAt;
}

/** `tenant_locks` row: who runs the tenant's active run, with the fencing token. */
export interface TenantLocksTable {
  tenant_id: number;
  run_id: number;
  holder: string;
  token: number;
  acquired_at: Timestamp;
  heartbeat_at: Timestamp;
}

/** `tenant_slots` row. */
export interface TenantSlotsTable {
  tenant_id: number;
  plan_id: number;
  created: CreatedAt;
}

/** `tenant_storage` row: the tenant's schema or database and its role. */
export interface TenantStorageTable {
  tenant_id: number;
  kind: 'schema' | 'database';
  name: string;
  role: string;
  password_enc: Buffer;
  key_id: string;
  created: CreatedAt;
}

/** `tenant_schedules` row: the maintenance schedule registered with the workflow engine. */
export interface TenantSchedulesTable {
  id: Id;
  uuid: Uuid;
  tenant_id: number;
  tasks: JsonArray;
  every_seconds: number;
  next_run_at: Timestamp;
  last_run_at: NullableTimestamp;
  last_outcome: Generated<string>;
  created: CreatedAt;
}

/** `tenant_certificates` row. */
export interface TenantCertificatesTable {
  id: Id;
  tenant_id: number;
  serial: string;
  host: string;
  cert_pem: string;
  key_enc: Buffer;
  key_id: string;
  not_before: Date;
  not_after: Date;
  revoked_at: NullableTimestamp;
  created: CreatedAt;
}

/** `tenant_setup_links` row: the sealed one-time setup token until it is shown. */
export interface TenantSetupLinksTable {
  tenant_id: number;
  token_enc: Buffer | null;
  key_id: string;
  expires_at: Date;
  shown_at: NullableTimestamp;
  created: CreatedAt;
}

/** `tenant_effects` row: an effect a step really performed. */
export interface TenantEffectsTable {
  id: Id;
  tenant_id: number;
  step: string;
  effect: string;
  run_id: number | null;
  created: CreatedAt;
}

/** `provisioning_faults` row (tenant spec §5.3). */
export interface ProvisioningFaultsTable {
  id: Id;
  uuid: Uuid;
  step: string;
  tenant_id: number | null;
  times: number;
  remaining: number;
  message: string;
  permanent: Generated<boolean>;
  hold_seconds: number | null;
  last_hold_started_at: NullableTimestamp;
  created_by: number | null;
  created: CreatedAt;
}

/** `tenant_console_endpoints` row. */
export interface TenantConsoleEndpointsTable {
  executor_id: string;
  host: string;
  port: number;
  updated_at: Timestamp;
}

/** The tenant tables, composed into `DB`. */
export interface TenantTables {
  certificate_authorities: CertificateAuthoritiesTable;
  tenants: TenantsTable;
  tenant_runs: TenantRunsTable;
  tenant_run_transitions: TenantRunTransitionsTable;
  tenant_step_runs: TenantStepRunsTable;
  tenant_step_tries: TenantStepTriesTable;
  tenant_transitions: TenantTransitionsTable;
  tenant_locks: TenantLocksTable;
  tenant_slots: TenantSlotsTable;
  tenant_storage: TenantStorageTable;
  tenant_schedules: TenantSchedulesTable;
  tenant_certificates: TenantCertificatesTable;
  tenant_setup_links: TenantSetupLinksTable;
  tenant_effects: TenantEffectsTable;
  provisioning_faults: ProvisioningFaultsTable;
  tenant_console_endpoints: TenantConsoleEndpointsTable;
}
