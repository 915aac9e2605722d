import type { Actor } from '../../../platform/auth/actor.js';
import { type Db, inTransaction, type Tx } from '../../../platform/db/database.js';
import type { OrderRecord } from '../adapters/pg/order-query.js';
import { appendOrderTransition } from '../adapters/pg/order-repository.js';
import { firstFailure } from '../domain/abilities.js';
import type { OrderAction } from '../domain/order-actions.js';
import { orderStateToCode } from '../domain/order-state.js';
import { ACTION_TARGET } from '../domain/refused-moves.js';
import { loadAbilityInput } from './order-facts.js';

/**
 * Runs an action's checks (403/409/405/400, first failure answers). A lifecycle action refused by
 * the state machine is recorded as a refused transition (`is_valid = false`, G5) in a transaction
 * of its own, since the request's transaction rolls back with the error.
 */
export async function checkOrderAction(
  db: Db,
  tx: Tx,
  rec: OrderRecord,
  action: OrderAction,
  actor: Actor,
): Promise<void> {
  const input = await loadAbilityInput(tx, rec, actor);
  const failed = firstFailure(action, input);
  if (!failed || failed.verdict.ok) return;
  const to = ACTION_TARGET[action];
  if (failed.check.kind === 'state' && to !== undefined) {
    await inTransaction(db, (own) =>
      appendOrderTransition(own, {
        orderId: rec.id,
        from: rec.state,
        to: orderStateToCode(to),
        action,
        actorId: actor.id,
        reason: failed.verdict.ok ? '' : failed.verdict.message,
        isValid: false,
      }),
    );
  }
  throw failed.verdict.error;
}
