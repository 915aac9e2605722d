import type { Tx } from '../../../platform/db/database.js';

/** Replaces a service's statistics; the write also counts as the service's heartbeat (`modified`). */
export async function setServiceStatistics(
  tx: Tx,
  serviceId: number,
  statistics: Record<string, unknown>,
): Promise<void> {
  await tx
    .updateTable('site_agent_services')
    .set({ statistics: JSON.stringify(statistics), modified: new Date() })
    .where('id', '=', serviceId)
    .execute();
}
