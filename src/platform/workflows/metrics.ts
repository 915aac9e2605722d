import { sql } from 'kysely';
import type { Tx } from '../db/database.js';
import { histogramSamples, type MetricFamily, type MetricSample } from '../metrics/exposition.js';
import { SYSTEM_SCHEMA } from './system-schema.js';

/** Upper bounds (seconds) of the step-duration buckets: from quick database steps to long scripts. */
export const STEP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Workflow figures read from the engine's tables at scrape time: steps run in worker processes,
 * which serve no HTTP, so reading the shared record is what lets any API process report them. The
 * histogram counts every step outcome still recorded (DBOS checkpoints; a retention job deleting old
 * workflows shows as a counter reset). Retried tries inside one step are not recorded, only outcomes.
 */
export async function workflowMetrics(tx: Tx): Promise<MetricFamily[]> {
  const present = await sql<{ ok: boolean }>`
    SELECT to_regclass(${`${SYSTEM_SCHEMA}.operation_outputs`}) IS NOT NULL
       AND to_regclass(${`${SYSTEM_SCHEMA}.workflow_status`}) IS NOT NULL AS ok`.execute(tx);
  if (!present.rows[0]?.ok) return [];
  const bucket = sql.raw(
    `CASE ${STEP_DURATION_BUCKETS.map((b, i) => `WHEN d <= ${b} THEN ${i}`).join(' ')} ELSE ${STEP_DURATION_BUCKETS.length} END`,
  );
  const steps = await sql<{ step: string; failed: boolean; bucket: number; n: number; s: number }>`
    SELECT step, failed, ${bucket} AS bucket, count(*)::int AS n, sum(d)::float8 AS s
    FROM (SELECT function_name AS step, error IS NOT NULL AS failed,
                 (completed_at_epoch_ms - started_at_epoch_ms) / 1000.0 AS d
          FROM ${sql.table(`${SYSTEM_SCHEMA}.operation_outputs`)}
          WHERE started_at_epoch_ms IS NOT NULL AND completed_at_epoch_ms IS NOT NULL) x
    GROUP BY 1, 2, 3`.execute(tx);
  const pending = await sql<{ status: string; n: number }>`
    SELECT status, count(*)::int AS n FROM ${sql.table(`${SYSTEM_SCHEMA}.workflow_status`)}
    WHERE status IN ('ENQUEUED', 'DELAYED', 'PENDING') GROUP BY 1`.execute(tx);

  const hist = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number }>();
  const failures = new Map<string, number>();
  for (const r of steps.rows) {
    const outcome = r.failed ? 'failed' : 'succeeded';
    const key = `${r.step}\u0000${outcome}`;
    const h = hist.get(key) ?? { labels: { step: r.step, outcome }, counts: [], sum: 0 };
    h.counts[r.bucket] = (h.counts[r.bucket] ?? 0) + r.n;
    h.sum += r.s;
    hist.set(key, h);
    failures.set(r.step, (failures.get(r.step) ?? 0) + (r.failed ? r.n : 0));
  }
  const durationSamples: MetricSample[] = [...hist.values()].flatMap((h) =>
    histogramSamples(STEP_DURATION_BUCKETS, h.labels, h.counts, h.sum),
  );
  const byStatus = { enqueued: 0, running: 0 };
  for (const r of pending.rows) byStatus[r.status === 'PENDING' ? 'running' : 'enqueued'] += r.n;
  return [
    {
      name: 'orderly_workflow_step_duration_seconds',
      help: 'Durations of recorded workflow steps by step name and outcome.',
      type: 'histogram',
      samples: durationSamples,
    },
    {
      name: 'orderly_workflow_step_failures_total',
      help: 'Workflow steps that failed after their retries, by step name.',
      type: 'counter',
      samples: [...failures].map(([step, value]) => ({ labels: { step }, value })),
    },
    {
      name: 'orderly_workflows_pending',
      help: 'Workflows not finished: waiting on their queue (enqueued) or claimed by a worker (running).',
      type: 'gauge',
      samples: Object.entries(byStatus).map(([status, value]) => ({ labels: { status }, value })),
    },
  ];
}
