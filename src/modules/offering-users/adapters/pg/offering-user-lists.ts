import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import {
  filterOfferingUsers,
  type OfferingUserFilter,
  offeringUserColumns,
  visibleOfferingUsers,
} from './offering-user-query.js';
import { type UserLimitFilter, visibleUserLimits } from './user-limit-query.js';

/** `GET /api/marketplace-offering-users/`: the visible accounts, filtered, in the asked order. */
export function offeringUserList(
  tx: Tx,
  actor: Actor,
  // `o`: username, created or modified, each optionally descending (the query schema checks them).
  f: OfferingUserFilter & { o?: string[] | undefined },
) {
  const order = f.o?.length ? f.o : ['username'];
  return queryList(tx, filterOfferingUsers(tx, visibleOfferingUsers(tx, actor), f), (q, limit, offset) => {
    let rq = offeringUserColumns(q);
    for (const k of order) {
      const col = k.replace(/^-/, '') as 'username' | 'created' | 'modified';
      rq = rq.orderBy(`ou.${col}`, k.startsWith('-') ? 'desc' : 'asc');
    }
    return rq.orderBy('ou.id').limit(limit).offset(offset).execute();
  });
}

/** `GET /api/component-user-usage-limits/`: the visible limits, oldest first. */
export function userLimitList(tx: Tx, actor: Actor, f: UserLimitFilter) {
  return queryList(tx, visibleUserLimits(tx, actor, f), (q, limit, offset) =>
    q.orderBy('l.id').limit(limit).offset(offset).execute(),
  );
}
