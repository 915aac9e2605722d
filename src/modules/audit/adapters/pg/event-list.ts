import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import { applyEventFilters, type EventFilters } from './event-filters.js';
import { visibleEvents } from './event-queries.js';

/** `GET /api/events/`: the feed's filters, `after_id`, and the order (newest first unless asked). */
export function eventList(
  tx: Tx,
  actor: Actor,
  f: EventFilters & { after_id?: number | undefined; o?: 'created' | '-created' | undefined },
) {
  let q = applyEventFilters(visibleEvents(tx, actor), f);
  if (f.after_id !== undefined) q = q.where('e.id', '>', f.after_id);
  const ascending = f.o === 'created' || f.after_id !== undefined;
  return queryList(tx, q, (w, limit, offset) =>
    w
      .orderBy('e.id', ascending ? 'asc' : 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
  );
}
