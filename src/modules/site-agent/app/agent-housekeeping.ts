import type { Tx } from '../../../platform/db/database.js';
import {
  markDisconnectedStatusRows,
  markIdleServiceRows,
  trimLogRows,
} from '../adapters/pg/agent-upkeep-writes.js';
import { LOG_ROWS_PER_IDENTITY } from '../domain/agent-states.js';

/**
 * Waldur `mark_agent_services_as_inactive`: an Active service whose processors last ran more than
 * ten minutes ago becomes Idle (services without any processor run are left alone). Returns how many.
 */
export async function markIdleServices(tx: Tx, now: Date): Promise<number> {
  return markIdleServiceRows(tx, now);
}

/**
 * Waldur `mark_offering_backend_as_disconnected_after_timeout`: an agent kind that has not called
 * in for an hour is Disconnected until its next request. Returns how many.
 */
export async function markSilentAgentsDisconnected(tx: Tx, now: Date): Promise<number> {
  return markDisconnectedStatusRows(tx, now);
}

/** Waldur `cleanup_site_agent_logs`: keeps the newest lines of each identity, deletes the rest. */
export async function trimAgentLogs(tx: Tx, keep = LOG_ROWS_PER_IDENTITY): Promise<number> {
  return trimLogRows(tx, keep);
}
