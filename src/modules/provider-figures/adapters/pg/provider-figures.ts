import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { OFFERING_STATE_CODES } from '../../../offerings/domain/offering-type.js';
import { ORDER_STATE_CODES, ORDER_STATES, PENDING_STATES } from '../../../orders/domain/order-state.js';
import { RESOURCE_STATE_CODES, RESOURCE_STATES } from '../../../resources/domain/resource-state.js';
import { scopeCondition } from './charges.js';

const LIVE = RESOURCE_STATES.filter((s) => s !== 'Terminated').map((s) => RESOURCE_STATE_CODES[s]);
const PENDING = [...PENDING_STATES].map((s) => ORDER_STATE_CODES[s]);

/**
 * `ServiceProviderStatistics` of a provider organization. "Change" figures compare with 30 days ago:
 * resources created minus resources terminated since, and consumers whose first live resource is newer.
 * Orderly has no campaigns and no support desk, so those two figures are zero.
 */
export async function providerStatistics(tx: Tx, customerId: number) {
  const inScope = scopeCondition({ providerCustomerId: customerId }, 'r.offering_id');
  const { rows } = await sql<{
    active_resources: number;
    erred_resources: number;
    created_30: number;
    terminated_30: number;
    current_customers: number;
    new_customers: number;
  }>`
    SELECT
      count(*) FILTER (WHERE r.state IN (${sql.join(LIVE)}))::int AS active_resources,
      count(*) FILTER (WHERE r.state = ${RESOURCE_STATE_CODES.Erred})::int AS erred_resources,
      count(*) FILTER (WHERE r.created >= now() - interval '30 days')::int AS created_30,
      count(*) FILTER (WHERE r.state = ${RESOURCE_STATE_CODES.Terminated}
        AND r.modified >= now() - interval '30 days')::int AS terminated_30,
      count(DISTINCT p.customer_id) FILTER (WHERE r.state IN (${sql.join(LIVE)}))::int AS current_customers,
      (SELECT count(*)::int FROM (
        SELECT p2.customer_id FROM resources r2 JOIN projects p2 ON p2.id = r2.project_id
        WHERE ${scopeCondition({ providerCustomerId: customerId }, 'r2.offering_id')}
          AND r2.state IN (${sql.join(LIVE)})
        GROUP BY p2.customer_id HAVING min(r2.created) >= now() - interval '30 days') n) AS new_customers
    FROM resources r JOIN projects p ON p.id = r.project_id
    WHERE ${inScope}`.execute(tx);
  const f = rows[0] ?? {
    active_resources: 0,
    erred_resources: 0,
    created_30: 0,
    terminated_30: 0,
    current_customers: 0,
    new_customers: 0,
  };
  const [offerings, orders] = await Promise.all([
    tx
      .selectFrom('offerings')
      .where('customer_id', '=', customerId)
      .where('state', 'in', [OFFERING_STATE_CODES.Active, OFFERING_STATE_CODES.Paused])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    sql<{ n: number }>`
      SELECT count(*)::int AS n FROM orders o
      WHERE ${scopeCondition({ providerCustomerId: customerId }, 'o.offering_id')}
        AND o.state IN (${sql.join(PENDING)})`.execute(tx),
  ]);
  return {
    active_campaigns: 0,
    current_customers: f.current_customers,
    customers_number_change: f.new_customers,
    active_resources: f.active_resources,
    resources_number_change: f.created_30 - f.terminated_30,
    active_and_paused_offerings: Number(offerings.n),
    unresolved_tickets: 0,
    pending_orders: orders.rows[0]?.n ?? 0,
    erred_resources: f.erred_resources,
  };
}

/** Orders created on one day (UTC) in one state. */
export interface DayStateCount {
  date: string;
  state: string;
  count: number;
}

/** Orders of a provider's offerings created in the last `days` days, per day and current state. */
export async function ordersPerDay(tx: Tx, customerId: number, days: number): Promise<DayStateCount[]> {
  const { rows } = await sql<{ date: string; state: number; count: number }>`
    SELECT to_char(date_trunc('day', o.created AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS date,
      o.state, count(*)::int AS count
    FROM orders o
    WHERE ${scopeCondition({ providerCustomerId: customerId }, 'o.offering_id')}
      AND o.created >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => ${days - 1})
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(tx);
  const label = new Map<number, string>(ORDER_STATES.map((s) => [ORDER_STATE_CODES[s], s]));
  return rows.map((r) => ({ date: r.date, state: label.get(r.state) ?? String(r.state), count: r.count }));
}
