import { sql, type UpdateObject } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { DB } from '../../../platform/db/schema.js';
import { notifyApprovers, waitsForApprovers } from '../../notifications/app/notify-order.js';
import { applyOrderEffect } from '../../resources/app/apply-order-effect.js';
import { type OrderEvent, resourceStateAfterOrderEvent } from '../../resources/domain/order-effects.js';
import { moveOrderRow } from '../adapters/pg/order-repository.js';
import { type OrderState, orderStateToCode, transition } from '../domain/order-state.js';
import {
  type AttemptOutcome,
  type AttemptTrigger,
  attemptStartedByStaff,
  recordInstantFailure,
} from './attempts.js';
import type { LockedOrder } from './lock-order.js';
import { emitTransitionEvents } from './order-events.js';
import { queueStateCallback } from './state-callback.js';

/** One state change of an order, with what it does to the resource and the history. */
export interface Move {
  /** Target state; must be an edge of the `allowed` table. */
  to: OrderState;
  /** API action or system task that caused it (recorded on the transition row). */
  action: string;
  /** How the resource reacts (`RESOURCE_EFFECTS`). */
  event: OrderEvent;
  actor: Actor | null;
  reason?: string;
  /** Extra order columns set in the same update (review stamps, comments, errors). */
  set?: UpdateObject<DB, 'orders'>;
  /** Why an attempt opens, when the order enters EXECUTING. */
  trigger?: AttemptTrigger;
  /** Resource error fields to write with the state change (undefined: keep; null: clear). */
  resourceErrors?: { message: string; traceback: string } | null;
  /** `fail()` sets `completed_at`; API `set_state_erred` does not (§3.1, quirk 4). */
  completes?: boolean;
}

const COMPLETING: ReadonlySet<OrderState> = new Set(['done', 'canceled', 'rejected']);
const OUTCOME: Partial<Record<OrderState, AttemptOutcome>> = {
  done: 'done',
  erred: 'erred',
  canceled: 'canceled',
};

/**
 * The one function that changes an order's state (G3, G5): checks the edge against the `allowed`
 * table, applies the resource effect, opens or closes the attempt, appends transition rows for both
 * and writes the events — all in the caller's transaction, on rows locked by `lockOrder`.
 * Returns the order as it is afterwards.
 */
export async function moveOrder(tx: Tx, o: LockedOrder, m: Move): Promise<LockedOrder> {
  transition(o.state, m.to);
  const actorId = m.actor?.id ?? null;
  const forceDestroy = o.row.attributes.action === 'force_destroy';
  const outcome = resourceStateAfterOrderEvent(o.type, m.event, {
    currentState: o.resourceState,
    hasBackendId: o.resource.backend_id !== '',
    forceDestroy,
    // A worker reports for whoever started the run (Waldur passes that user to the processor).
    actorIsStaff: m.actor ? m.actor.isStaff : forceDestroy && (await attemptStartedByStaff(tx, o.row.id)),
  });
  if (outcome.kind === 'refused') throw outcome.error;

  // The resource first: a move out of EXECUTING closes the attempt with the resource's errors.
  let resource = o.resource;
  let resourceState = o.resourceState;
  if (outcome.kind === 'set' || m.resourceErrors !== undefined) {
    const to = outcome.kind === 'set' ? outcome.to : o.resourceState;
    resource = await applyOrderEffect(tx, {
      resourceId: o.resource.id,
      orderId: o.row.id,
      from: o.resourceState,
      to: outcome.kind === 'set' ? to : undefined,
      errors: m.resourceErrors,
      action: `order.${m.action}`,
      actorId,
      reason: m.reason ?? '',
    });
    resourceState = to;
  }

  const completes = COMPLETING.has(m.to) || (m.to === 'erred' && m.completes === true);
  const leaves = o.state === 'executing' && m.to !== 'executing';
  const { row, closed } = await moveOrderRow(
    tx,
    o.row.id,
    {
      ...m.set,
      state: orderStateToCode(m.to),
      modified: sql<Date>`now()`,
      ...(completes ? { completed_at: sql<Date>`now()` } : {}),
    },
    {
      orderId: o.row.id,
      from: orderStateToCode(o.state),
      to: orderStateToCode(m.to),
      action: m.action,
      actorId,
      reason: m.reason ?? '',
    },
    {
      // The processor's run is fenced by the attempt number (process-order workflow): entering
      // EXECUTING opens attempt n+1 in the move's statement (the row is locked, so n is current).
      opens:
        m.to === 'executing' && o.state !== 'executing'
          ? { number: o.row.attempt_count + 1, trigger: m.trigger ?? 'approval', startedBy: actorId }
          : undefined,
      closes: leaves
        ? {
            outcome: OUTCOME[m.to] ?? 'canceled',
            resourceErrorMessage: resource.error_message,
            resourceErrorTraceback: resource.error_traceback,
          }
        : undefined,
    },
  );
  // An error reported while no attempt ran is kept as an attempt opened and closed at once.
  if (m.to === 'erred' && !closed) {
    row.attempt_count = await recordInstantFailure(tx, o.row.id, actorId, {
      errorMessage: row.error_message,
      errorTraceback: row.error_traceback,
      resourceErrorMessage: resource.error_message,
      resourceErrorTraceback: resource.error_traceback,
      output: row.output,
    });
  }
  const next: LockedOrder = { ...o, row, state: m.to, resource, resourceState };
  await emitTransitionEvents(tx, o, m.to, m.event, actorId, m.reason ?? '', row.error_message, m.action);
  await queueStateCallback(tx, o, row, o.state, m.to);
  // Entering a waiting state (pending-provider) notifies its approvers in this transaction (§5.1–§5.6).
  if (waitsForApprovers(m.to) && o.state !== m.to) await notifyApprovers(tx, o.row.id, m.to);
  return next;
}
