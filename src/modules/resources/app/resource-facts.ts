import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Scope } from '../../identity/app/access.js';
import { loadPermissionSet, type PermissionSet } from '../../identity/app/permission-set.js';
import { scopeOf } from '../../marketplace/app/scopes.js';
import { isExpired } from '../../marketplace/domain/orderable.js';
import { type OfferingType, offeringStateFromCode } from '../../offerings/domain/offering-type.js';
import { orderStateFromCode, orderStateToCode, PENDING_STATES } from '../../orders/domain/order-state.js';
import { orderTypeFromCode } from '../../orders/domain/order-type.js';
import type { GrantDefinition } from '../../orders/domain/types.js';
import type { ResourceRecord } from '../adapters/pg/resource-query.js';
import type { ResourceAbilityInput } from '../domain/abilities.js';
import { BOOKKEEPING_GRANTS, type BookkeepingInput } from '../domain/bookkeeping-actions.js';
import { RESOURCE_GRANTS } from '../domain/resource-actions.js';
import { resourceStateFromCode } from '../domain/resource-state.js';
import type { PendingOrderFact } from '../domain/types.js';

/** Every scope a resource check may look at, for one batched permission query. */
export function resourceScopes(rec: ResourceRecord): Scope[] {
  return (['project', 'project.customer', 'offering', 'offering.customer'] as const).map((p) =>
    scopeOf(rec, p),
  );
}

/** Resolves each named grant of a grant table for one resource. */
function resolve<G extends string>(
  table: Record<G, GrantDefinition>,
  set: PermissionSet,
  rec: ResourceRecord,
): Record<G, boolean> {
  const out = {} as Record<G, boolean>;
  for (const name of Object.keys(table) as G[]) {
    const def = table[name];
    out[name] = set.has(
      def.permission,
      def.scopes.map((p) => scopeOf(rec, p)),
    );
  }
  return out;
}

/** The pure checks' input for one resource and one caller (§17 d: the POST and `abilities` share it). */
export function resourceAbilityInput(
  rec: ResourceRecord,
  actor: Actor,
  set: PermissionSet,
  pendingOrders: readonly PendingOrderFact[],
): ResourceAbilityInput {
  return {
    resource: {
      state: resourceStateFromCode(rec.state),
      offeringType: rec.offering_type as OfferingType,
      offeringState: offeringStateFromCode(rec.offering_state),
      restoreEnabled: rec.offering_plugin_options.can_restore_resource === true,
      hasPrepaidComponents: rec.has_prepaid_components,
      pendingOrders,
    },
    context: {
      customerBlocked: rec.customer_blocked,
      customerArchived: rec.customer_archived,
      projectExpired: isExpired(rec.project_end_date),
      projectName: rec.project_name,
    },
    caller: { isStaff: actor.isStaff, grants: resolve(RESOURCE_GRANTS, set, rec) },
  };
}

/** The bookkeeping checks' input for one resource and one caller. */
export function bookkeepingInput(rec: ResourceRecord, actor: Actor, set: PermissionSet): BookkeepingInput {
  return {
    isStaff: actor.isStaff,
    isSupport: actor.isSupport,
    grants: resolve(BOOKKEEPING_GRANTS, set, rec),
    offeringState: offeringStateFromCode(rec.offering_state),
  };
}

/** The resource's orders in PENDING_STATES, as the checks read them. */
export async function pendingOrdersOf(tx: Tx, resourceId: number): Promise<PendingOrderFact[]> {
  const rows = await tx
    .selectFrom('orders')
    .select(['type', 'state'])
    .where('resource_id', '=', resourceId)
    .where('state', 'in', [...PENDING_STATES].map(orderStateToCode))
    .execute();
  return rows.map((r) => ({ type: orderTypeFromCode(r.type), state: orderStateFromCode(r.state) }));
}

/** Everything a resource action route checks, for one resource and one caller. */
export async function loadResourceFacts(tx: Tx, rec: ResourceRecord, actor: Actor) {
  const set = await loadPermissionSet(tx, actor, resourceScopes(rec));
  return {
    input: resourceAbilityInput(rec, actor, set, await pendingOrdersOf(tx, rec.id)),
    bookkeeping: bookkeepingInput(rec, actor, set),
  };
}
