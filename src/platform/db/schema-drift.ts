import type { Generated } from 'kysely';
import type { Id, Timestamp, Uuid } from './schema.js';

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

/** Tables of migration 0013. */
export interface DriftTables {
  resource_drift_findings: ResourceDriftFindingsTable;
}
