import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { moveResourceRow } from '../adapters/pg/resource-repository.js';
import { InvalidResourceTransitionError } from '../domain/errors.js';
import { canTransition, type ResourceState, resourceStateToCode } from '../domain/resource-state.js';
import { recordRefusedResourceTransition } from './check-resource-action.js';
import type { LockedResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** One direct state change of a resource (not caused by an order event). */
export interface ResourceMove {
  /** Target state; must be an edge of the resource `allowed` table (§4.1). */
  to: ResourceState;
  /** API action that caused it (recorded on the transition row). */
  action: string;
  actor: Actor;
  reason?: string | undefined;
  /** Error fields written with the change (undefined: keep; null: clear). */
  errors?: { message: string; traceback: string } | null;
  /** The event describing the change. */
  event: { type: string; message: string; level?: 'info' | 'warning' | 'error' };
}

/**
 * The one function that changes a resource's state outside the order lifecycle (G3, G5): checks
 * the edge against the `allowed` table (409 otherwise), writes the row, appends a
 * `resource_transitions` row and writes the event — all in the caller's transaction, on the row
 * locked by `lockResource`. Order-driven changes go through the orders module's `moveOrder`.
 */
export async function moveResource(tx: Tx, r: LockedResource, m: ResourceMove): Promise<LockedResource> {
  if (!canTransition(r.state, m.to)) {
    throw recordRefusedResourceTransition(new InvalidResourceTransitionError(r.state, m.to), {
      resourceId: r.row.id,
      from: r.state,
      to: m.to,
      action: m.action,
      actorId: m.actor.id,
      reason: m.reason ?? '',
    });
  }
  const errors =
    m.errors === undefined
      ? {}
      : { error_message: m.errors?.message ?? '', error_traceback: m.errors?.traceback ?? '' };
  const row = await moveResourceRow(
    tx,
    r.row.id,
    { ...errors, state: resourceStateToCode(m.to), modified: sql<Date>`now()` },
    {
      resourceId: r.row.id,
      orderId: null,
      from: resourceStateToCode(r.state),
      to: resourceStateToCode(m.to),
      action: m.action,
      actorId: m.actor.id,
      reason: m.reason ?? '',
    },
  );
  await recordResourceEvent(tx, r, {
    ...m.event,
    actor: m.actor,
    reason: m.reason,
    context: { action: m.action, from_state: r.state, to_state: m.to },
  });
  return { ...r, row, state: m.to };
}
