import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
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
  await tx
    .updateTable('component_user_usage_limits')
    .set({ limit, modified: sql<Date>`now()` })
    .where('id', '=', limitId)
    .execute();
}
