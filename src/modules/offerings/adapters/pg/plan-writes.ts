import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { ComponentRow } from './component-repository.js';
import type { PlanInput } from './plan-repository.js';

/** Plan fields a PUT/PATCH may change (absent keys stay as they are). */
export interface PlanFieldChanges extends Partial<Omit<PlanInput, 'prices' | 'quotas'>> {
  archived?: boolean | undefined;
}

/** Writes plan fields; Kysely leaves undefined keys out of the SET list. */
export async function updatePlanRow(tx: Tx, planId: number, changes: PlanFieldChanges): Promise<void> {
  if (Object.values(changes).every((v) => v === undefined)) return;
  await tx.updateTable('plans').set(changes).where('id', '=', planId).execute();
}

/** Which plan_components column a write sets. */
export type PlanComponentColumn = 'price' | 'future_price' | 'amount';

/**
 * Sets one column of a plan's components: `values` keys are component types; components already
 * in the plan but absent from `values` get 0 (Waldur `PricesUpdateSerializer`/`QuotasUpdateSerializer`).
 */
export async function setPlanComponentColumn(
  tx: Tx,
  planId: number,
  column: PlanComponentColumn,
  values: Readonly<Record<string, string>>,
  components: readonly ComponentRow[],
): Promise<void> {
  const named = components.filter((c) => Object.hasOwn(values, c.type));
  if (named.length > 0) {
    await tx
      .insertInto('plan_components')
      .values(named.map((c) => ({ plan_id: planId, component_id: c.id, price: '0', amount: '0' })))
      .onConflict((oc) => oc.columns(['plan_id', 'component_id']).doNothing())
      .execute();
  }
  for (const c of components) {
    const value = values[c.type] ?? '0';
    await tx
      .updateTable('plan_components')
      .set(
        column === 'future_price'
          ? {
              future_price: value,
              future_price_from: sql<Date>`date_trunc('month', now()) + interval '1 month'`,
            }
          : { [column]: value },
      )
      .where('plan_id', '=', planId)
      .where('component_id', '=', c.id)
      .execute();
  }
}

/** Whether any order (as new or old plan) or resource refers to the plan. */
export async function planIsReferenced(tx: Tx, planId: number): Promise<boolean> {
  const row = await sql<{ used: boolean }>`
    SELECT EXISTS (SELECT 1 FROM resources WHERE plan_id = ${planId})
        OR EXISTS (SELECT 1 FROM orders WHERE plan_id = ${planId} OR old_plan_id = ${planId}) AS used`.execute(
    tx,
  );
  return row.rows[0]?.used === true;
}

/** Deletes a plan (its component prices go with it). */
export async function deletePlanRow(tx: Tx, planId: number): Promise<void> {
  await tx.deleteFrom('plans').where('id', '=', planId).execute();
}

/** Makes due future prices current (the first day of the month they were scheduled for); returns how many. */
export async function applyDueFuturePrices(tx: Tx, now: Date): Promise<number> {
  const rows = await tx
    .updateTable('plan_components')
    .set((eb) => ({
      price: eb.ref('future_price').$castTo<string>(),
      future_price: null,
      future_price_from: null,
    }))
    .where('future_price_from', '<=', now)
    .where('future_price', 'is not', null)
    .returning('plan_id')
    .execute();
  return rows.length;
}
