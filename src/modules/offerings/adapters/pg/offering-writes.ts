import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { OfferingsTable } from '../../../../platform/db/schema.js';

/** Inserts an offering; returns its id and uuid. */
export function insertOffering(
  tx: Tx,
  values: Insertable<OfferingsTable>,
): Promise<{ id: number; uuid: string }> {
  return tx.insertInto('offerings').values(values).returning(['id', 'uuid']).executeTakeFirstOrThrow();
}

/**
 * Sets the given columns of an offering and stamps `modified`. Kysely leaves keys whose value is
 * undefined out of the SET list, so absent fields stay as they are.
 */
export async function updateOfferingRow(
  tx: Tx,
  offeringId: number,
  set: Updateable<OfferingsTable>,
): Promise<void> {
  await tx
    .updateTable('offerings')
    .set({ ...set, modified: sql<Date>`now()` })
    .where('id', '=', offeringId)
    .execute();
}
