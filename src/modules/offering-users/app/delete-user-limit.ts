import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
import { authorizeUserLimits, type LimitResource } from './user-limit-access.js';

/** `DELETE /api/component-user-usage-limits/{uuid}/`. */
export async function deleteUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  limitId: number,
): Promise<void> {
  await authorizeUserLimits(tx, actor, r);
  await tx.deleteFrom('component_user_usage_limits').where('id', '=', limitId).execute();
}
