import { ValidationError } from '../../../platform/errors.js';
import type { PlanInput } from '../adapters/pg/plan-repository.js';

/**
 * Refuses `prices` / `quotas` keys that name no component of the offering (400 at `pointer`/prices
 * or `pointer`/quotas): a price for a missing component could never be charged.
 */
export function checkPlanComponentTypes(
  plan: Pick<PlanInput, 'prices' | 'quotas'>,
  types: ReadonlySet<string>,
  pointer: string,
): void {
  for (const field of ['prices', 'quotas'] as const) {
    const unknown = Object.keys(plan[field] ?? {}).filter((t) => !types.has(t));
    if (unknown.length > 0) {
      throw ValidationError.field(
        `${pointer}/${field}`,
        `Unknown component types: ${unknown.join(', ')}.`,
        'plan.unknown_component',
      );
    }
  }
}
