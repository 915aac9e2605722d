import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { hex } from '../../../../platform/http/ids.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
import { loadPermissionSet } from '../../../identity/app/permission-set.js';
import { presentMany as presentOrders } from '../../../orders/api.js';
import { orderStateFromCode, PENDING_STATES } from '../../../orders/domain/order-state.js';
import { orderTypeFromCode } from '../../../orders/domain/order-type.js';
import { bookkeepingInput, resourceAbilityInput, resourceScopes } from '../../app/resource-facts.js';
import { resourceAbilities, resourceCanTerminate } from '../../domain/abilities.js';
import { bookkeepingAbilities } from '../../domain/bookkeeping-actions.js';
import { findVisibleResource } from '../pg/resource-lookups.js';
import { ordersOfResources } from '../pg/resource-orders.js';
import type { ResourceRecord } from '../pg/resource-query.js';
import { type ResourceView, VIEW_COLLECTION } from '../pg/resource-visibility.js';
import { type NestedOrder, presentResource } from './resource-presenter.js';

/** The resource with this uuid as the view shows it, or 404 (an invisible resource is never a 403). */
export async function loadVisibleResource(
  tx: Tx,
  actor: Actor,
  view: ResourceView,
  uuid: string,
): Promise<ResourceRecord> {
  return orNotFound(findVisibleResource(tx, actor, view, uuid), 'resource');
}

/**
 * Presents a page of resources: one query for their creation and pending orders, one permission
 * query for every resource's abilities, and the orders' own presenter (with the caller's order
 * abilities, where the "Cancel order" path of a stuck termination lives, seed 001).
 */
export async function presentResources(
  tx: Tx,
  base: string,
  actor: Actor,
  recs: readonly ResourceRecord[],
  collection: string = VIEW_COLLECTION.consumer,
) {
  const orders = await ordersOfResources(
    tx,
    recs.map((r) => r.id),
  );
  const nested = new Map<string, NestedOrder>(
    (await presentOrders(tx, base, actor, orders)).map((o) => [o.uuid, o]),
  );
  const set = await loadPermissionSet(tx, actor, recs.flatMap(resourceScopes));
  return recs.map((rec) => {
    const mine = orders.filter((o) => o.resource_id === rec.id);
    const pending = mine.filter((o) => PENDING_STATES.has(orderStateFromCode(o.state)));
    const input = resourceAbilityInput(
      rec,
      actor,
      set,
      pending.map((o) => ({ type: orderTypeFromCode(o.type), state: orderStateFromCode(o.state) })),
    );
    // Waldur: `order_in_progress` is the latest pending order, `creation_order` the first CREATE one.
    const inProgress = pending.at(-1);
    const creation = mine.find((o) => orderTypeFromCode(o.type) === 'Create');
    return presentResource(base, rec, {
      collection,
      abilities: { ...resourceAbilities(input), ...bookkeepingAbilities(bookkeepingInput(rec, actor, set)) },
      canTerminate: resourceCanTerminate(input),
      orderInProgress: inProgress ? (nested.get(hex(inProgress.uuid)) ?? null) : null,
      creationOrder: creation ? (nested.get(hex(creation.uuid)) ?? null) : null,
      privileged: actor.isStaff || actor.isSupport,
    });
  });
}

/** Presents one resource read through `view`. */
export async function presentResourceIn(
  tx: Tx,
  base: string,
  actor: Actor,
  rec: ResourceRecord,
  view: ResourceView,
) {
  const [one] = await presentResources(tx, base, actor, [rec], VIEW_COLLECTION[view]);
  return one!;
}
