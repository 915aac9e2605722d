import type { Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';

/** How a drift finding ended. */
export type DriftResolution = 'repaired' | 'cleared';

/** `resource_drift_findings` row (migration 0013): one resource found out of step with its orders. */
export interface ResourceDriftFindingsTable {
  id: Id;
  uuid: Uuid;
  resource_id: number;
  order_id: number | null;
  rule: string;
  resource_state: number;
  expected_state: number;
  detected_at: Timestamp;
  last_seen_at: Timestamp;
  resolved_at: Date | null;
  resolution: DriftResolution | null;
  resolved_by: number | null;
  reason: Generated<string>;
}

/** Drift tables of migration 0013. */
export interface DriftTables {
  resource_drift_findings: ResourceDriftFindingsTable;
}

/** Scope of an approval SLA setting. */
export type ApprovalSlaScope = 'offering' | 'customer';

/** `approval_sla_settings` row (migration 0013): escalation and digest settings of a scope. */
export interface ApprovalSlaSettingsTable {
  id: Id;
  scope_type: ApprovalSlaScope;
  scope_id: number;
  escalate_after_hours: number | null;
  daily_digest: Generated<boolean>;
  modified_by: number | null;
  modified: Timestamp;
}

/** `approval_escalations` row (migration 0013): one escalation step taken for one wait. */
export interface ApprovalEscalationsTable {
  id: Id;
  order_id: number;
  order_state: number;
  level: number;
  created: CreatedAt;
}

/** Approval SLA tables of migration 0013. */
export interface ApprovalSlaTables {
  approval_sla_settings: ApprovalSlaSettingsTable;
  approval_escalations: ApprovalEscalationsTable;
}
