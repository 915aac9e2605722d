import type { Tx } from '../../../platform/db/database.js';
import { insertLogs, type LogEntry } from '../adapters/pg/agent-upkeep-writes.js';

/** Stores a batch of log lines shipped by agents; returns their ids in input order. */
export async function pushLogs(tx: Tx, entries: LogEntry[]): Promise<number[]> {
  return insertLogs(tx, entries);
}
