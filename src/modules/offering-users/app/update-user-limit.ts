import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { updateUserLimitAmount } from '../adapters/pg/user-usage-writes.js';
import { authorizeUserLimits, type LimitResource } from './user-limit-access.js';

/** `PATCH/PUT /api/component-user-usage-limits/{uuid}/`: changes the amount. */
export async function updateUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  limitId: number,
  limit: string | undefined,
): Promise<void> {
  await authorizeUserLimits(tx, actor, r);
  if (limit === undefined) return;
  await updateUserLimitAmount(tx, limitId, limit);
}
