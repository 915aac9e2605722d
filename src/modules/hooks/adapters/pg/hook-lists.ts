import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import type { HookDeliveryState } from '../../../../platform/db/schema.js';
import { deliveriesOf, visibleHooks } from './hook-queries.js';

/** `GET /api/hooks/`: the caller's hooks (staff: all), oldest first. */
export function hookList(tx: Tx, actor: Actor, f: { is_active?: boolean | undefined }) {
  let q = visibleHooks(tx, actor);
  if (f.is_active !== undefined) q = q.where('h.is_active', '=', f.is_active);
  return queryList(tx, q, (w, limit, offset) => w.orderBy('h.id').limit(limit).offset(offset).execute());
}

/** A hook's delivery log, newest first, by state and event type. */
export function deliveryList(
  tx: Tx,
  hookId: number,
  f: { state?: HookDeliveryState[] | undefined; event_type?: string[] | undefined },
) {
  let q = deliveriesOf(tx, hookId);
  if (f.state?.length) q = q.where('d.state', 'in', f.state);
  if (f.event_type?.length) q = q.where('d.event_type', 'in', f.event_type);
  return queryList(tx, q, (w, limit, offset) =>
    w.orderBy('d.id', 'desc').limit(limit).offset(offset).execute(),
  );
}

/** One delivery of a hook, if it has one with this uuid. */
export function findDelivery(tx: Tx, hookId: number, deliveryUuid: string) {
  return deliveriesOf(tx, hookId).where('d.uuid', '=', deliveryUuid).executeTakeFirst();
}
