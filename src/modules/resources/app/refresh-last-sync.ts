import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/**
 * `refresh_last_sync` (orders spec §13): the agent signals it is still watching the resource.
 * Recorded like every mutating call, at level info, so a silent agent shows in the feed by absence.
 */
export async function refreshLastSync(tx: Tx, actor: Actor, resourceId: number, reason?: string) {
  const r = await lockResource(tx, resourceId);
  await updateResourceRow(tx, r.row.id, { last_sync: sql<Date>`now()` });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Resource ${r.row.name} has been synchronised by the provider.`,
    actor,
    reason,
    context: { field: 'last_sync' },
  });
  return 'Last sync has been refreshed.';
}
