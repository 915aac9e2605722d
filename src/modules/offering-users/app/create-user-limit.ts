import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import type { Actor } from '../../identity/domain/actor.js';
import { authorizeUserLimits, type LimitResource } from './user-limit-access.js';

/** `POST /api/component-user-usage-limits/`: one limit per (resource, component, offering user); 400 on a second. */
export async function createUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  input: { componentId: number; offeringUserId: number; limit: string },
): Promise<string> {
  await authorizeUserLimits(tx, actor, r);
  const row = await tx
    .insertInto('component_user_usage_limits')
    .values({
      resource_id: r.id,
      component_id: input.componentId,
      offering_user_id: input.offeringUserId,
      limit: input.limit,
    })
    .onConflict((oc) => oc.columns(['resource_id', 'component_id', 'offering_user_id']).doNothing())
    .returning('uuid')
    .executeTakeFirst();
  if (!row)
    throw ValidationError.field(
      '/body/user',
      'This user already has a limit for this component of the resource.',
      'user_limit.duplicate',
    );
  return row.uuid;
}
