import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** One access endpoint of a resource. */
export interface Endpoint {
  name: string;
  url: string;
}

/**
 * `set_endpoints` (orders spec §13): the given list replaces the previous set (Waldur's
 * `test_set_endpoints_replaces_previous_set`).
 */
export async function setEndpoints(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { endpoints: Endpoint[]; reason?: string | undefined },
): Promise<string> {
  const r = await lockResource(tx, resourceId);
  const endpoints = input.endpoints.map((e) => ({ name: e.name, url: e.url }));
  await updateResourceRow(tx, r.row.id, { endpoints: JSON.stringify(endpoints), modified: sql<Date>`now()` });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Endpoints of resource ${r.row.name} have been updated.`,
    actor,
    reason: input.reason,
    context: { field: 'endpoints', new_value: endpoints },
  });
  return 'Resource endpoints have been updated.';
}
