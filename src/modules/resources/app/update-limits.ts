import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { componentsOf } from '../../orders/api.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { validateLimits } from '../../orders/domain/limits.js';

/** Body of update_limits. */
export interface UpdateLimitsInput {
  limits: Record<string, number>;
  requestComment?: string | undefined;
  reason?: string | undefined;
}

/** Whether two limit maps are exactly the same (same components, same numbers). */
export function sameLimits(a: Record<string, unknown>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && Number(a[k]) === b[k]);
}

/** Waldur's 400 for a no-op limits change ([RM] tests, §8; a Remote peer matches on this text, §17 g). */
export function limitsUnchangedError(): ValidationError {
  return new ValidationError(
    'Impossible to create update orders with limits set to exactly the same.',
    [],
    'resource.limits_unchanged',
  );
}

/**
 * Checks new limits of a resource before an UPDATE order (§7.1): the same as now is a 400 when
 * `mustChange`; otherwise each must fit its offering's components. No new limits pass. Returns the
 * resource's current limits (the order keeps them as `attributes.old_limits`).
 */
export async function checkNewLimits(
  tx: Tx,
  resourceId: number,
  limits: Record<string, number> | undefined,
  mustChange: boolean,
): Promise<Record<string, unknown>> {
  const r = await tx
    .selectFrom('resources')
    .select(['offering_id', 'limits'])
    .where('id', '=', resourceId)
    .executeTakeFirstOrThrow();
  if (!limits) return r.limits;
  if (mustChange && sameLimits(r.limits, limits)) throw limitsUnchangedError();
  const errors = validateLimits(await componentsOf(tx, r.offering_id), limits);
  if (errors.length) throw new ValidationError('Invalid limits.', errors, 'order.invalid_limits');
  return r.limits;
}

/**
 * `update_limits` (orders spec §8): identical limits → 400; `validate_limits` (§7.1) → 400; then an
 * UPDATE order with `attributes.old_limits`. Returns the order's uuid.
 */
export async function updateLimits(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: UpdateLimitsInput,
): Promise<string> {
  const oldLimits = await checkNewLimits(tx, resourceId, input.limits, true);
  const order = await createResourceOrder(tx, actor, resourceId, {
    reason: input.reason,
    type: 'Update',
    limits: input.limits,
    attributes: { old_limits: oldLimits },
    ...(input.requestComment !== undefined ? { requestComment: input.requestComment } : {}),
  });
  return order.row.uuid;
}
