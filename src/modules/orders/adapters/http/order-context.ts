import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
import { loadPermissionSet } from '../../../identity/app/permission-set.js';
import { creatorSkipsConsumerReview } from '../../app/consumer-review.js';
import { abilityInput, loadAbilityInput, orderScopes } from '../../app/order-facts.js';
import { orderAbilities } from '../../domain/abilities.js';
import { ORDER_STATE_CODES } from '../../domain/order-state.js';
import type { OrderRecord } from '../pg/order-query.js';
import { findVisibleOrder } from '../pg/order-visibility.js';
import { presentOrder } from './order-presenter.js';

/** The visible order with this uuid, or 404 (an invisible order is never a 403). */
export async function loadVisibleOrder(tx: Tx, actor: Actor, uuid: string): Promise<OrderRecord> {
  return orNotFound(findVisibleOrder(tx, actor, uuid), 'order');
}

/** Presents one order with its abilities for this caller. */
export async function presentOne(tx: Tx, base: string, actor: Actor, rec: OrderRecord) {
  const input = await loadAbilityInput(tx, rec, actor);
  return presentOrder(base, rec, orderAbilities(input), actor.isStaff || actor.isSupport);
}

/** Presents a page of orders: one permission query for the whole page. */
export async function presentMany(tx: Tx, base: string, actor: Actor, recs: OrderRecord[]) {
  const set = await loadPermissionSet(tx, actor, recs.flatMap(orderScopes));
  const out = [];
  for (const rec of recs) {
    const skippable =
      rec.state === ORDER_STATE_CODES['pending-consumer'] ? await creatorSkipsConsumerReview(tx, rec) : false;
    out.push(
      presentOrder(
        base,
        rec,
        orderAbilities(abilityInput(rec, actor, set, skippable)),
        actor.isStaff || actor.isSupport,
      ),
    );
  }
  return out;
}
