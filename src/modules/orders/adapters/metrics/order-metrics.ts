import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { MetricFamily } from '../../../../platform/metrics/exposition.js';
import { ORDER_STATE_CODES, type OrderState } from '../../domain/order-state.js';

const STATE_BY_CODE = new Map<number, OrderState>(
  Object.entries(ORDER_STATE_CODES).map(([label, code]) => [code, label as OrderState]),
);

/** Orders by state and offering type, counted at scrape time (the same figure in every process). */
export async function orderMetrics(tx: Tx): Promise<MetricFamily[]> {
  const r = await sql<{ state: number; offering_type: string; n: number }>`
    SELECT o.state, f.type AS offering_type, count(*)::int AS n
    FROM orders o JOIN offerings f ON f.id = o.offering_id
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(tx);
  return [
    {
      name: 'orderly_orders',
      help: 'Orders by state and offering type.',
      type: 'gauge',
      samples: r.rows.map((row) => ({
        labels: {
          state: STATE_BY_CODE.get(row.state) ?? String(row.state),
          offering_type: row.offering_type,
        },
        value: row.n,
      })),
    },
  ];
}
