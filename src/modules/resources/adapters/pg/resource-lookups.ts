import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import { resourceRecords } from './resource-query.js';
import { type ResourceView, visibleResources } from './resource-visibility.js';
import { type UsageFilter, usageColumns, visibleUsages } from './usage-queries.js';

/** The resource with this uuid as the view shows it, if visible. */
export function findVisibleResource(tx: Tx, actor: Actor, view: ResourceView, uuid: string) {
  return visibleResources(tx, actor, view).where('r.uuid', '=', uuid).executeTakeFirst();
}

/** The resource record by id (its order's visibility already authorised the caller). */
export function resourceRecordById(tx: Tx, id: number) {
  return resourceRecords(tx).where('r.id', '=', id).executeTakeFirstOrThrow();
}

/** `GET /api/marketplace-component-usages/`: newest billing month first. */
export function usageList(tx: Tx, actor: Actor, f: UsageFilter) {
  return queryList(tx, visibleUsages(tx, actor, f), (q, limit, offset) =>
    usageColumns(q).orderBy('u.billing_period', 'desc').orderBy('u.id').limit(limit).offset(offset).execute(),
  );
}
