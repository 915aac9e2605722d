import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { OrderRecord } from '../adapters/pg/order-query.js';
import { firstFailure } from '../domain/abilities.js';
import type { OrderAction } from '../domain/order-actions.js';
import { orderStateFromCode } from '../domain/order-state.js';
import { loadAbilityInput } from './order-facts.js';
import { recordRefusal } from './refused-move.js';

/**
 * Runs an action's checks (403/409/405/400, the first failure answers). A lifecycle action refused
 * by the state machine is recorded as a refused transition after the rollback (G5).
 */
export async function checkOrderAction(
  tx: Tx,
  rec: OrderRecord,
  action: OrderAction,
  actor: Actor,
): Promise<void> {
  const failed = firstFailure(action, await loadAbilityInput(tx, rec, actor));
  if (!failed || failed.verdict.ok) return;
  if (failed.check.kind !== 'state') throw failed.verdict.error;
  const order = { id: rec.id, state: orderStateFromCode(rec.state) };
  throw recordRefusal(failed.verdict.error, order, action, actor, failed.verdict.message);
}
