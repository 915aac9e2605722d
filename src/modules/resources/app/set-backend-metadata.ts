import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import type { Actor } from '../../identity/domain/actor.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** `set_backend_metadata` (orders spec §8, §13): replaces the agent-reported backend metadata. */
export async function setBackendMetadata(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { backendMetadata: Record<string, unknown>; reason?: string | undefined },
): Promise<string> {
  const r = await lockResource(tx, resourceId);
  await tx
    .updateTable('resources')
    .set({ backend_metadata: input.backendMetadata, modified: sql<Date>`now()` })
    .where('id', '=', r.row.id)
    .execute();
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Backend metadata of resource ${r.row.name} has been updated.`,
    actor,
    reason: input.reason,
    context: { field: 'backend_metadata' },
  });
  return 'Resource backend metadata has been updated.';
}
