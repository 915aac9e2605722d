import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** A provider flag the site agent reads (`paused`, `downscaled`) or the provider sets for members. */
export type ResourceFlag = 'paused' | 'downscaled' | 'restrict_member_access';

/**
 * `set_paused` / `set_downscaled` / `set_restrict_member_access`: writes one boolean flag and records
 * who changed it and why (an unchanged value writes nothing). Returns Waldur's status text.
 */
export async function setResourceFlag(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { flag: ResourceFlag; value: boolean; reason?: string | undefined },
): Promise<string> {
  const r = await lockResource(tx, resourceId);
  const label = input.flag.replaceAll('_', ' ');
  if (r.row[input.flag] === input.value) return `Resource ${label} is not changed.`;
  await updateResourceRow(tx, r.row.id, { [input.flag]: input.value, modified: sql<Date>`now()` });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_FLAG_SET,
    message: `Resource ${r.row.name} ${label} has been set to ${input.value}.`,
    actor,
    reason: input.reason,
    context: { field: input.flag, old_value: r.row[input.flag], new_value: input.value },
  });
  return `Resource ${label} has been changed.`;
}
