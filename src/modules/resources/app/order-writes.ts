import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { ResourcesTable } from '../../../platform/db/schema.js';
import { insertResource, updateResourceRow } from '../adapters/pg/resource-repository.js';

// Writes other modules ask of the resource (issue 13: only the resources module writes `resources`).
// They carry no event of their own: the order or run that causes them records it.

/** The resource of a new Create order (state Creating); returns its id. */
export async function createResourceOfOrder(tx: Tx, values: Insertable<ResourcesTable>): Promise<number> {
  return (await insertResource(tx, values)).id;
}

/** A pending Create order was edited (§4.2.3): its resource follows the new limits, attributes and name. */
export async function followOrderEdit(
  tx: Tx,
  resourceId: number,
  c: { limits?: Record<string, number> | undefined; attributes?: Record<string, unknown> | undefined },
): Promise<void> {
  await updateResourceRow(tx, resourceId, {
    ...(c.limits ? { limits: c.limits } : {}),
    ...(c.attributes ? { attributes: c.attributes } : {}),
    ...(typeof c.attributes?.name === 'string' ? { name: c.attributes.name } : {}),
  });
}

/** A done UPDATE order (§11.3): the resource takes its plan and limits and merges `new_options`. */
export async function applyUpdateOrder(
  tx: Tx,
  resourceId: number,
  u: { limits: Record<string, unknown>; planId: number | null; newOptions?: object | undefined },
): Promise<void> {
  await updateResourceRow(tx, resourceId, {
    limits: u.limits,
    ...(u.planId !== null ? { plan_id: u.planId } : {}),
    ...(u.newOptions ? { options: sql`options || ${JSON.stringify(u.newOptions)}::jsonb` } : {}),
  });
}

/** A processor learnt the resource's backend id (Script output, remote Waldur, tenant uuid). */
export async function recordBackendId(tx: Tx, resourceId: number, backendId: string): Promise<void> {
  await updateResourceRow(tx, resourceId, { backend_id: backendId });
}

/** A processor publishes the resource's access endpoints (the tenant's admin console). */
export async function publishEndpoints(
  tx: Tx,
  resourceId: number,
  endpoints: { name: string; url: string }[],
): Promise<void> {
  await updateResourceRow(tx, resourceId, {
    endpoints: JSON.stringify(endpoints),
    modified: sql<Date>`now()`,
  });
}
