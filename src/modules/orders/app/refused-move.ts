import type { Actor } from '../../../platform/auth/actor.js';
import { writeAfterRollback } from '../../../platform/db/after-rollback.js';
import { appendOrderTransition } from '../adapters/pg/order-repository.js';
import type { OrderAction } from '../domain/order-actions.js';
import { type OrderState, orderStateToCode } from '../domain/order-state.js';
import { ACTION_TARGET } from '../domain/refused-moves.js';

/**
 * Marks a state-check refusal of a lifecycle action so that the refused transition is recorded
 * (`is_valid = false`, G5) once the request's transaction has rolled back. `why` is stored as the
 * row's reason (the caller's reason is in the body, which a refused request never reads).
 */
export function recordRefusal<E extends object>(
  err: E,
  order: { id: number; state: OrderState },
  action: OrderAction,
  actor: Actor | null,
  why: string,
): E {
  const to = ACTION_TARGET[action];
  if (to === undefined) return err;
  return writeAfterRollback(err, (tx) =>
    appendOrderTransition(tx, {
      orderId: order.id,
      from: orderStateToCode(order.state),
      to: orderStateToCode(to),
      action,
      actorId: actor?.id ?? null,
      reason: why,
      isValid: false,
    }),
  );
}
