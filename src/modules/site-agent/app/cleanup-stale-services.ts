import type { Tx } from '../../../platform/db/database.js';
import { deleteAgentRows } from '../adapters/pg/agent-writes.js';

/** A service untouched for the given time, as the cleanup reports it. */
export interface StaleService {
  uuid: string;
  name: string;
  identity_name: string;
  state: number;
  modified: Date;
}

/**
 * Waldur `cleanup_stale` (staff): services not modified for `olderThanHours`. A dry run only lists
 * them; otherwise they are deleted (with their processors).
 */
export async function cleanupStaleServices(
  tx: Tx,
  now: Date,
  olderThanHours: number,
  dryRun: boolean,
): Promise<StaleService[]> {
  const threshold = new Date(now.getTime() - olderThanHours * 3600 * 1000);
  const stale = await tx
    .selectFrom('site_agent_services as s')
    .innerJoin('site_agent_identities as i', 'i.id', 's.identity_id')
    .select(['s.id', 's.uuid', 's.name', 'i.name as identity_name', 's.state', 's.modified'])
    .where('s.modified', '<', threshold)
    .orderBy('s.id')
    .execute();
  if (!dryRun && stale.length > 0) {
    await deleteAgentRows(
      tx,
      'service',
      stale.map((x) => x.id),
    );
  }
  return stale.map(({ id: _id, ...rest }) => rest);
}
