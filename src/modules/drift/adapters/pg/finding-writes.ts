import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { ResourceDriftFindingsTable } from '../../../../platform/db/schema-drift.js';

/** Inserts new open findings. */
export async function insertFindings(
  tx: Tx,
  rows: readonly Insertable<ResourceDriftFindingsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('resource_drift_findings')
    .values([...rows])
    .execute();
}

/** Sets the given columns of findings: refreshing `last_seen_at`, or resolving them. */
export async function updateFindings(
  tx: Tx,
  ids: readonly number[],
  set: Updateable<ResourceDriftFindingsTable>,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('resource_drift_findings')
    .set(set)
    .where('id', 'in', [...ids])
    .execute();
}
