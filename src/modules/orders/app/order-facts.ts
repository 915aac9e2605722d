import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Scope } from '../../identity/app/access.js';
import { loadPermissionSet, type PermissionSet } from '../../identity/app/permission-set.js';
import { scopeOf } from '../../marketplace/app/scopes.js';
import { isExpired } from '../../marketplace/domain/orderable.js';
import type { OfferingType } from '../../offerings/domain/offering-type.js';
import { resourceStateFromCode } from '../../resources/domain/resource-state.js';
import type { OrderRecord } from '../adapters/pg/order-query.js';
import type { OrderAbilityInput } from '../domain/abilities.js';
import { ORDER_GRANTS, type OrderGrant } from '../domain/order-actions.js';
import { ORDER_STATE_CODES, orderStateFromCode } from '../domain/order-state.js';
import { orderTypeFromCode } from '../domain/order-type.js';
import { creatorSkipsConsumerReview } from './consumer-review.js';

export { isExpired, scopeOf };

/** Every scope any order check may look at, for one batched permission query. */
export function orderScopes(rec: OrderRecord): Scope[] {
  return (['project', 'project.customer', 'offering', 'offering.customer'] as const).map((p) =>
    scopeOf(rec, p),
  );
}

/** Resolves every named grant of `ORDER_GRANTS` for one order. */
export function resolveGrants(set: PermissionSet, rec: OrderRecord): Record<OrderGrant, boolean> {
  const out = {} as Record<OrderGrant, boolean>;
  for (const [name, def] of Object.entries(ORDER_GRANTS) as [
    OrderGrant,
    (typeof ORDER_GRANTS)[OrderGrant],
  ][]) {
    out[name] = set.has(
      def.permission,
      def.scopes.map((p) => scopeOf(rec, p)),
    );
  }
  return out;
}

/** Everything the pure order checks read, for one order and one caller. */
export function abilityInput(
  rec: OrderRecord,
  actor: Actor,
  set: PermissionSet,
  skippable: boolean,
): OrderAbilityInput {
  const options = rec.offering_plugin_options;
  return {
    order: {
      state: orderStateFromCode(rec.state),
      type: orderTypeFromCode(rec.type),
      offeringType: rec.offering_type as OfferingType,
      consumerReviewed: rec.consumer_reviewed_by !== null,
      hasAttachment: rec.attachment_name !== null,
    },
    context: {
      customerBlocked: rec.customer_blocked,
      customerArchived: rec.customer_archived,
      projectExpired: isExpired(rec.project_end_date),
      projectName: rec.project_name,
      purchaseOrderRequired: options.require_purchase_order_upload === true,
      messagingEnabled: options.enable_provider_consumer_messaging === true,
      consumerReviewSkippable: skippable,
      resourceState: resourceStateFromCode(rec.resource_state),
    },
    caller: {
      isStaff: actor.isStaff,
      isCreator: rec.created_by === actor.id,
      grants: resolveGrants(set, rec),
    },
  };
}

/** Loads the permission set and the creator facts, then builds the check input for one order. */
export async function loadAbilityInput(tx: Tx, rec: OrderRecord, actor: Actor): Promise<OrderAbilityInput> {
  const set = await loadPermissionSet(tx, actor, orderScopes(rec));
  const skippable =
    rec.state === ORDER_STATE_CODES['pending-consumer'] ? await creatorSkipsConsumerReview(tx, rec) : false;
  return abilityInput(rec, actor, set, skippable);
}
