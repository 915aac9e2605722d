import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError } from '../../../platform/errors.js';
import { isResourceTransitionError } from '../../resources/domain/errors.js';
import { requireState } from './guards.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';
import { completeOrder } from './outcomes.js';

/** `set_state_executing` (§7.12, Slurm): FSM to EXECUTING only — no review stamps, no processing. */
export async function setStateExecuting(tx: Tx, actor: Actor, orderId: number, reason = ''): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'set_state_executing', actor);
  await moveOrder(tx, o, {
    to: 'executing',
    action: 'set_state_executing',
    event: 'executing',
    actor,
    reason,
    trigger: 'set_state_executing',
  });
}

/**
 * `set_state_done` on **this** order (§17 c, Orderly's own): the success outcome of its type under
 * the row locks; when the resource cannot take it, 409 naming the order and both states.
 */
export async function setStateDone(tx: Tx, actor: Actor, orderId: number, reason = ''): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'set_state_done', actor);
  try {
    await completeOrder(tx, o, actor, 'set_state_done', undefined, reason);
  } catch (err) {
    if (!isResourceTransitionError(err)) throw err;
    throw new InvalidStateError(
      'order.outcome_not_applicable',
      `Order ${o.row.uuid} is ${o.state} but its resource is ${o.resourceState}; the success outcome cannot be applied.`,
    );
  }
}

/**
 * `set_state_erred` (§7.14, Slurm): from any state, error fields stored, `completed_at` untouched;
 * a Create without backend_id leaves the resource Terminated, a Terminate leaves it OK.
 */
export async function setStateErred(
  tx: Tx,
  actor: Actor,
  orderId: number,
  message: string,
  traceback: string,
) {
  const o = await lockOrder(tx, orderId);
  await moveOrder(tx, o, {
    to: 'erred',
    action: 'set_state_erred',
    event: 'erred',
    actor,
    reason: message,
    set: { error_message: message, error_traceback: traceback, error_updated_at: new Date() },
  });
}
