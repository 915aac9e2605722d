import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
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
  await updateResourceRow(tx, r.row.id, {
    backend_metadata: input.backendMetadata,
    modified: sql<Date>`now()`,
  });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Backend metadata of resource ${r.row.name} has been updated.`,
    actor,
    reason: input.reason,
    context: { field: 'backend_metadata' },
  });
  return 'Resource backend metadata has been updated.';
}
