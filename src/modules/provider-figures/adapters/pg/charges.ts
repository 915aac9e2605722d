import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { BILLED_STATES, RESOURCE_STATE_CODES } from '../../../resources/domain/resource-state.js';
import type { MonthRange } from '../../domain/periods.js';

/** Which offerings a figure covers: one offering, or every offering of a provider organization. */
export type FigureScope = { offeringId: number } | { providerCustomerId: number };

/** One month's charges, exact decimal text. */
export interface MonthCharge {
  period: string;
  amount: string;
}

/** `resources.offering_id` condition of a scope (both forms use an index on offering/customer). */
export function scopeCondition(scope: FigureScope, column: string): RawBuilder<unknown> {
  const c = sql.ref(column);
  return 'offeringId' in scope
    ? sql`${c} = ${scope.offeringId}`
    : sql`${c} IN (SELECT id FROM offerings WHERE customer_id = ${scope.providerCustomerId})`;
}

/**
 * Charges per month of a scope, every month of the range present (zero when nothing was charged).
 * Orderly keeps no invoices, so a month's charge is what its plans price: reported component usages
 * of the month × the component's price in the resource's plan, plus fixed components (amount × price)
 * of every resource live during the month (provisioned, or terminated no earlier than the month start;
 * `modified` of a terminated resource is when it was terminated, its last change).
 */
export async function monthlyCharges(tx: Tx, scope: FigureScope, range: MonthRange): Promise<MonthCharge[]> {
  const inScope = scopeCondition(scope, 'r.offering_id');
  const r = await sql<MonthCharge>`
    WITH months AS (
      SELECT generate_series(${range.first}::date, ${range.last}::date, interval '1 month')::date AS month
    ), usage AS (
      SELECT cu.billing_period AS month, sum(cu.usage * pc.price) AS amount
      FROM resources r
      JOIN component_usages cu ON cu.resource_id = r.id
      JOIN plan_components pc ON pc.plan_id = r.plan_id AND pc.component_id = cu.component_id
      WHERE ${inScope} AND cu.billing_period BETWEEN ${range.first}::date AND ${range.last}::date
      GROUP BY cu.billing_period
    ), fixed AS (
      SELECT m.month, sum(pc.amount * pc.price) AS amount
      FROM months m
      JOIN resources r ON r.created < m.month + interval '1 month'
        AND (r.state IN (${sql.join(BILLED_STATES.map((s) => sql.lit(RESOURCE_STATE_CODES[s])))}) OR (r.state = ${sql.lit(RESOURCE_STATE_CODES.Terminated)} AND r.modified >= m.month))
      JOIN plan_components pc ON pc.plan_id = r.plan_id
      JOIN offering_components oc ON oc.id = pc.component_id AND oc.billing_type = 'fixed'
      WHERE ${inScope}
      GROUP BY m.month
    )
    SELECT to_char(m.month, 'YYYY-MM') AS period,
      (coalesce(u.amount, 0) + coalesce(f.amount, 0))::text AS amount
    FROM months m
    LEFT JOIN usage u ON u.month = m.month
    LEFT JOIN fixed f ON f.month = m.month
    ORDER BY m.month`.execute(tx);
  return r.rows;
}
