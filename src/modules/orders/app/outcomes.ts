import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { applyUpdateOrder } from '../../resources/app/order-writes.js';
import { updateOrderRow } from '../adapters/pg/order-repository.js';
import { cleanupSkippedNote, isForceDestroy } from '../domain/force-destroy.js';
import { moveOrder } from './lifecycle.js';
import { type LockedOrder, lockOrder } from './lock-order.js';

/**
 * The success outcome of an order (orders spec §11.3): the order is done and the resource gets what
 * the order asked for — an UPDATE copies its plan and limits and merges `new_options`.
 */
export async function completeOrder(
  tx: Tx,
  o: LockedOrder,
  actor: Actor | null,
  action: string,
  output?: string,
  reason = '',
) {
  if (o.type === 'Update') {
    const attrs = o.row.attributes;
    const newOptions =
      typeof attrs.new_options === 'object' && attrs.new_options !== null ? attrs.new_options : undefined;
    await applyUpdateOrder(tx, o.resource.id, { limits: o.row.limits, planId: o.row.plan_id, newOptions });
    o = await lockOrder(tx, o.row.id);
  }
  return moveOrder(tx, o, {
    to: 'done',
    action,
    event: 'done',
    actor,
    reason,
    ...(output !== undefined ? { set: { output, output_updated_at: new Date() } } : {}),
  });
}

/**
 * A processor raised (§11.1 step 3): order ERRED with the message and traceback, `completed_at`
 * set (`fail()`), resource ERRED — or TERMINATED for a staff force-destroy of a TERMINATE order.
 */
export async function failProcessing(
  tx: Tx,
  o: LockedOrder,
  actor: Actor | null,
  message: string,
  traceback: string,
  event: 'processing_failed' | 'no_processor' | 'timed_out' = 'processing_failed',
) {
  const next = await moveOrder(tx, o, {
    to: 'erred',
    action: event,
    event,
    actor,
    completes: true,
    set: { error_message: message, error_traceback: traceback, error_updated_at: new Date() },
    resourceErrors: { message, traceback },
  });
  // The effect table turned the failure into Terminated (staff force destroy): say what was skipped.
  if (isForceDestroy(o.type, o.row.attributes) && next.resourceState === 'Terminated') {
    return recordCleanupSkipped(tx, next, `the processor failed: ${message}`);
  }
  return next;
}

/**
 * A staff force destroy on a processor that waits for confirmation (manual Basic, site agent,
 * helpdesk): the order is done at once, the resource Terminated, and the skipped cleanup noted.
 */
export async function completeWithoutConfirmation(tx: Tx, o: LockedOrder, actor: Actor, why: string) {
  const note = cleanupSkippedNote(why);
  return completeOrder(tx, o, actor, 'force_destroy', note);
}

async function recordCleanupSkipped(tx: Tx, o: LockedOrder, why: string): Promise<LockedOrder> {
  const row = await updateOrderRow(tx, o.row.id, {
    output: cleanupSkippedNote(why),
    output_updated_at: new Date(),
  });
  return { ...o, row };
}
