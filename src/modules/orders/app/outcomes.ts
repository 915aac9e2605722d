import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
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
) {
  if (o.type === 'Update') {
    const attrs = o.row.attributes;
    const newOptions =
      typeof attrs.new_options === 'object' && attrs.new_options !== null ? attrs.new_options : undefined;
    await tx
      .updateTable('resources')
      .set({
        limits: o.row.limits,
        ...(o.row.plan_id !== null ? { plan_id: o.row.plan_id } : {}),
        ...(newOptions ? { options: sql`options || ${JSON.stringify(newOptions)}::jsonb` } : {}),
      })
      .where('id', '=', o.resource.id)
      .execute();
    o = await lockOrder(tx, o.row.id);
  }
  return moveOrder(tx, o, {
    to: 'done',
    action,
    event: 'done',
    actor,
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
  return moveOrder(tx, o, {
    to: 'erred',
    action: event,
    event,
    actor,
    completes: true,
    set: { error_message: message, error_traceback: traceback, error_updated_at: new Date() },
    resourceErrors: { message, traceback },
  });
}
