import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { MetricFamily } from '../../../../platform/metrics/exposition.js';

/**
 * Webhook delivery outcomes, read from the delivery log at scrape time so that every API process
 * reports the same cluster-wide figures (deliveries are sent by worker processes).
 */
export async function hookMetrics(tx: Tx): Promise<MetricFamily[]> {
  const r = await sql<{ state: string; response_class: string; n: number; attempts: number }>`
    SELECT state,
           CASE WHEN response_code IS NULL THEN 'none' ELSE (response_code / 100)::text || 'xx' END AS response_class,
           count(*)::int AS n, coalesce(sum(attempts), 0)::int AS attempts
    FROM hook_deliveries GROUP BY 1, 2 ORDER BY 1, 2`.execute(tx);
  const attempts = new Map<string, number>();
  for (const row of r.rows) attempts.set(row.state, (attempts.get(row.state) ?? 0) + row.attempts);
  return [
    {
      name: 'orderly_webhook_deliveries',
      help: 'Webhook deliveries by state and class of the last response code (none: no answer yet or unreachable).',
      type: 'gauge',
      samples: r.rows.map((row) => ({
        labels: { state: row.state, response_class: row.response_class },
        value: row.n,
      })),
    },
    {
      name: 'orderly_webhook_delivery_attempts',
      help: 'Attempts made for the webhook deliveries in each state.',
      type: 'gauge',
      samples: [...attempts].map(([state, value]) => ({ labels: { state }, value })),
    },
  ];
}
