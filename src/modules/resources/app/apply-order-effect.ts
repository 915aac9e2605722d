import { type Selectable, sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { ResourcesTable } from '../../../platform/db/schema.js';
import { moveResourceRow, updateResourceRow } from '../adapters/pg/resource-repository.js';
import { type ResourceState, resourceStateToCode } from '../domain/resource-state.js';

/** What an order event does to its resource, as the orders module's `moveOrder` decided it. */
export interface OrderEffect {
  resourceId: number;
  orderId: number;
  from: ResourceState;
  /** The state the effect table gives; undefined keeps the state (only the error fields change). */
  to?: ResourceState | undefined;
  /** Resource error fields written with it (undefined: keep; null: clear). */
  errors?: { message: string; traceback: string } | null | undefined;
  /** Recorded on the transition row (`order.<action>`). */
  action: string;
  actorId: number | null;
  reason: string;
}

/**
 * Applies an order event's effect to the resource (called by the orders module in the order's
 * transaction): writes the state and error fields and appends the chained transition row (G5).
 */
export async function applyOrderEffect(tx: Tx, e: OrderEffect): Promise<Selectable<ResourcesTable>> {
  const errors =
    e.errors === undefined
      ? {}
      : { error_message: e.errors?.message ?? '', error_traceback: e.errors?.traceback ?? '' };
  const set = { ...errors, state: resourceStateToCode(e.to ?? e.from), modified: sql<Date>`now()` };
  if (e.to === undefined) return updateResourceRow(tx, e.resourceId, set);
  return moveResourceRow(tx, e.resourceId, set, {
    resourceId: e.resourceId,
    orderId: e.orderId,
    from: resourceStateToCode(e.from),
    to: resourceStateToCode(e.to),
    action: e.action,
    actorId: e.actorId,
    reason: e.reason,
  });
}
