import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { checkNewLimits } from './update-limits.js';

/** Body of renew. */
export interface RenewInput {
  extensionMonths: number;
  limits?: Record<string, number> | undefined;
  requestComment?: string | undefined;
  reason?: string | undefined;
}

/**
 * `renew` (orders spec §8): an UPDATE order with `attributes.action = "renew"` and the extension;
 * new limits, when given, are validated like any limits (§7.1) and the old ones kept in
 * `attributes.old_limits`. Returns the order's uuid.
 */
export async function renewResource(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: RenewInput,
): Promise<string> {
  const oldLimits = await checkNewLimits(tx, resourceId, input.limits, false);
  const order = await createResourceOrder(tx, actor, resourceId, {
    reason: input.reason,
    type: 'Update',
    attributes: {
      action: 'renew',
      extension_months: input.extensionMonths,
      ...(input.limits ? { old_limits: oldLimits } : {}),
    },
    ...(input.limits ? { limits: input.limits } : {}),
    ...(input.requestComment !== undefined ? { requestComment: input.requestComment } : {}),
  });
  return order.row.uuid;
}
