import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { EventType } from '../../audit/domain/event-types.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
import { resourceStateToCode } from '../domain/resource-state.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/**
 * `set_backend_id` (orders spec §8, §13): `validate_backend_id` — a non-empty id must not be used by
 * another live resource of the same offering (400; a Terminated resource frees its id) — then the
 * id is written. Returns Waldur's status text (same wording as the order's set_backend_id).
 */
export async function setResourceBackendId(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { backendId: string; reason?: string | undefined },
): Promise<string> {
  const r = await lockResource(tx, resourceId);
  if (r.row.backend_id === input.backendId) return 'Resource backend_id is not changed.';
  if (input.backendId !== '') {
    const taken = await tx
      .selectFrom('resources')
      .select('id')
      .where('offering_id', '=', r.row.offering_id)
      .where('backend_id', '=', input.backendId)
      .where('id', '!=', r.row.id)
      .where('state', '!=', resourceStateToCode('Terminated'))
      .executeTakeFirst();
    // Orderly's text: the spec names the rule but quotes no message.
    if (taken)
      throw ValidationError.field('/body/backend_id', 'Backend ID must be unique within the offering.');
  }
  await updateResourceRow(tx, r.row.id, { backend_id: input.backendId, modified: sql<Date>`now()` });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Backend ID of resource ${r.row.name} has been changed to "${input.backendId}".`,
    actor,
    reason: input.reason,
    context: { field: 'backend_id', old_value: r.row.backend_id, new_value: input.backendId },
  });
  return 'Resource backend_id has been changed.';
}
