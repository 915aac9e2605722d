import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { type ComponentRow, componentsOf } from '../adapters/pg/component-repository.js';
import type { PlanView } from '../adapters/pg/plan-repository.js';
import { setPlanComponentColumn } from '../adapters/pg/plan-writes.js';

/** Refuses keys that name no valid component (Waldur `validate_components`: "Invalid components …"). */
export function checkComponentKeys(
  keys: readonly string[],
  valid: readonly ComponentRow[],
  pointer: string,
): void {
  const types = new Set(valid.map((c) => c.type));
  const invalid = keys.filter((k) => !types.has(k)).sort();
  if (invalid.length > 0) {
    throw ValidationError.field(
      pointer,
      `Invalid components ${invalid.join(', ')}.`,
      'plan.invalid_components',
    );
  }
}

/**
 * `POST …/update_prices/` (Waldur `PricesUpdateSerializer`): on a plan no resource has used, the
 * prices change now; otherwise they become `future_prices`, which the monthly job makes current
 * from the next billing month, so running resources are never re-priced mid-month.
 */
export async function updatePlanPrices(
  tx: Tx,
  _actor: Actor,
  plan: PlanView,
  prices: Readonly<Record<string, string>>,
): Promise<void> {
  const components = await componentsOf(tx, [plan.offering_id]);
  checkComponentKeys(Object.keys(prices), components, '/body/prices');
  const column = plan.resources_count > 0 ? 'future_price' : 'price';
  await setPlanComponentColumn(tx, plan.id, column, prices, components);
}
