import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { deleteUserLimitRow } from '../adapters/pg/user-usage-writes.js';
import { authorizeUserLimits, type LimitResource } from './user-limit-access.js';

/** `DELETE /api/component-user-usage-limits/{uuid}/`. */
export async function deleteUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  limitId: number,
): Promise<void> {
  await authorizeUserLimits(tx, actor, r);
  await deleteUserLimitRow(tx, limitId);
}
