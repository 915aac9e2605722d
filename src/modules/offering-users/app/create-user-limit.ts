import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { insertUserLimit } from '../adapters/pg/user-usage-writes.js';
import { authorizeUserLimits, type LimitResource } from './user-limit-access.js';

/** `POST /api/component-user-usage-limits/`: one limit per (resource, component, offering user); 400 on a second. */
export async function createUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  input: { componentId: number; offeringUserId: number; limit: string },
): Promise<string> {
  await authorizeUserLimits(tx, actor, r);
  const uuid = await insertUserLimit(tx, {
    resource_id: r.id,
    component_id: input.componentId,
    offering_user_id: input.offeringUserId,
    limit: input.limit,
  });
  if (!uuid)
    throw ValidationError.field(
      '/body/user',
      'This user already has a limit for this component of the resource.',
      'user_limit.duplicate',
    );
  return uuid;
}
