import type { Tx } from '../../../platform/db/database.js';
import { setServiceStatisticsRow } from '../adapters/pg/agent-writes.js';

/** Replaces a service's statistics; the write also counts as the service's heartbeat (`modified`). */
export async function setServiceStatistics(
  tx: Tx,
  serviceId: number,
  statistics: Record<string, unknown>,
): Promise<void> {
  await setServiceStatisticsRow(tx, serviceId, statistics);
}
