import { type OfferingQuery, offeringColumns } from './offering-repository.js';

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
