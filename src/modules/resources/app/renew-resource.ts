import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { componentsOf } from '../../orders/api.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { validateLimits } from '../../orders/domain/limits.js';

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
  const r = await tx
    .selectFrom('resources')
    .select(['offering_id', 'limits'])
    .where('id', '=', resourceId)
    .executeTakeFirstOrThrow();
  if (input.limits) {
    const errors = validateLimits(await componentsOf(tx, r.offering_id), input.limits);
    if (errors.length) throw new ValidationError('Invalid limits.', errors, 'order.invalid_limits');
  }
  const order = await createResourceOrder(tx, actor, resourceId, {
    reason: input.reason,
    type: 'Update',
    attributes: {
      action: 'renew',
      extension_months: input.extensionMonths,
      ...(input.limits ? { old_limits: r.limits } : {}),
    },
    ...(input.limits ? { limits: input.limits } : {}),
    ...(input.requestComment !== undefined ? { requestComment: input.requestComment } : {}),
  });
  return order.row.uuid;
}
