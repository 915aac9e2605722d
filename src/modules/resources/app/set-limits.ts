import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { EventType } from '../../audit/domain/event-types.js';
import { componentsOf } from '../../orders/api.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/**
 * `set_limits` (orders spec §8): the provider (usually the site agent) writes `resource.limits`
 * directly, without an order; component types the offering does not have → 400. Waldur also skips
 * LIMIT components governed by an active SLURM periodic policy; Orderly has no such policies.
 */
export async function setResourceLimits(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { limits: Record<string, number>; reason?: string | undefined },
): Promise<string> {
  const r = await lockResource(tx, resourceId);
  const types = new Set((await componentsOf(tx, r.row.offering_id)).map((c) => c.type));
  const errors = Object.keys(input.limits)
    .filter((t) => !types.has(t))
    .map((t) => ({ pointer: `/body/limits/${t}`, detail: `${t} is not a component of this offering.` }));
  if (errors.length) throw new ValidationError('Invalid limits.', errors, 'order.invalid_limits');
  await updateResourceRow(tx, r.row.id, { limits: input.limits, modified: sql<Date>`now()` });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Limits of resource ${r.row.name} have been set by the provider.`,
    actor,
    reason: input.reason,
    context: { field: 'limits', old_value: r.row.limits, new_value: input.limits },
  });
  return 'Resource limits have been updated.';
}
