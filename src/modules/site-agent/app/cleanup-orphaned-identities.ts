import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { deleteAgentRows } from '../adapters/pg/agent-writes.js';

/** An identity that has no services, as the cleanup reports it. */
export interface OrphanedIdentity {
  uuid: string;
  name: string;
  offering_name: string;
  created: Date;
}

/**
 * Waldur `cleanup_orphaned` (staff): identities without any service. A dry run only lists them;
 * otherwise they are deleted (with their logs).
 */
export async function cleanupOrphanedIdentities(tx: Tx, dryRun: boolean): Promise<OrphanedIdentity[]> {
  const orphaned = await tx
    .selectFrom('site_agent_identities as i')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .select(['i.id', 'i.uuid', 'i.name', 'o.name as offering_name', 'i.created'])
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM site_agent_services s WHERE s.identity_id = i.id)`)
    .orderBy('i.id')
    .execute();
  if (!dryRun && orphaned.length > 0) {
    await deleteAgentRows(
      tx,
      'identity',
      orphaned.map((o) => o.id),
    );
  }
  return orphaned.map(({ id: _id, ...rest }) => rest);
}
