import type { Tx } from '../../../platform/db/database.js';

/** One log line as stored (the identity already resolved and authorized). */
export interface LogEntry {
  identityId: number;
  timestamp: number;
  level: string;
  message: string;
  module: string;
}

/** Stores a batch of log lines shipped by agents; returns their ids in input order. */
export async function pushLogs(tx: Tx, entries: LogEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = await tx
    .insertInto('site_agent_logs')
    .values(
      entries.map((e) => ({
        identity_id: e.identityId,
        timestamp: e.timestamp,
        level: e.level,
        message: e.message,
        module: e.module,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
