import type { Tx } from '../../../../platform/db/database.js';
import { type OfferingQuery, offeringColumns, offeringsBase } from './offering-repository.js';

/** One page of provider offerings, oldest first. */
export function providerOfferingPage(q: OfferingQuery, limit: number, offset: number) {
  return offeringColumns(q)
    .orderBy('offerings.created')
    .orderBy('offerings.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One page of the public catalogue, by name. */
export function publicOfferingPage(q: OfferingQuery, limit: number, offset: number) {
  return offeringColumns(q)
    .orderBy('offerings.name')
    .orderBy('offerings.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One offering row by id, whatever its state (an order keeps pointing at an offering archived since). */
export function offeringRowById(tx: Tx, offeringId: number) {
  return offeringColumns(offeringsBase(tx).where('offerings.id', '=', offeringId)).executeTakeFirstOrThrow();
}
