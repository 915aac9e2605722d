import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { ResourceDriftFindingsTable } from '../../../../platform/db/schema-drift.js';

/**
 * Rows per statement: PostgreSQL takes at most 65,535 parameters in one, and a first scan of a big
 * installation finds tens of thousands of drifted resources (at 1M orders the single insert failed
 * with "bind message has … parameter formats but 0 parameters" and the job never completed).
 */
const CHUNK = 1_000;

/** Inserts new open findings. */
export async function insertFindings(
  tx: Tx,
  rows: readonly Insertable<ResourceDriftFindingsTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto('resource_drift_findings')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/** Sets the given columns of findings: refreshing `last_seen_at`, or resolving them. */
export async function updateFindings(
  tx: Tx,
  ids: readonly number[],
  set: Updateable<ResourceDriftFindingsTable>,
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .updateTable('resource_drift_findings')
      .set(set)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  }
}
