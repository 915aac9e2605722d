import type { Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { ResourcesTable } from '../../../platform/db/schema.js';
import { NotFoundError } from '../../../platform/errors.js';
import { resourceInvalidStateError } from '../domain/errors.js';
import { RESOURCE_ACTION_RULES, type ResourceAction } from '../domain/resource-actions.js';
import { type ResourceState, resourceStateFromCode } from '../domain/resource-state.js';

/** A resource row locked for a read-then-write sequence, with the ids its events are scoped to. */
export interface LockedResource {
  row: Selectable<ResourcesTable>;
  state: ResourceState;
  customerId: number;
  providerCustomerId: number;
}

/**
 * Locks the resource row (`FOR UPDATE`) and returns it. Direct resource actions lock only this row;
 * order use cases lock the order first and then the resource, so the two never wait on each other
 * in opposite orders (G12).
 */
export async function lockResource(tx: Tx, resourceId: number): Promise<LockedResource> {
  const row = await tx
    .selectFrom('resources')
    .selectAll()
    .where('id', '=', resourceId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('resource');
  const ids = await tx
    .selectFrom('projects as p')
    .crossJoin('offerings as f')
    .select(['p.customer_id', 'f.customer_id as provider_customer_id'])
    .where('p.id', '=', row.project_id)
    .where('f.id', '=', row.offering_id)
    .executeTakeFirstOrThrow();
  return {
    row,
    state: resourceStateFromCode(row.state),
    customerId: ids.customer_id,
    providerCustomerId: ids.provider_customer_id,
  };
}

/**
 * Re-checks an action's state validator on the locked row: the route checked a snapshot, and a
 * concurrent request may have moved the resource since (the loser answers 409, never half-applies).
 */
export function requireResourceState(r: LockedResource, action: ResourceAction): void {
  for (const check of RESOURCE_ACTION_RULES[action].checks) {
    if (check.kind === 'state' && !check.states.includes(r.state))
      throw resourceInvalidStateError(check.states);
  }
}
