import { performance } from 'node:perf_hooks';
import type { StatementStats } from './pg-stats.js';

/** Figures of one measured scenario. */
export interface BenchResult {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** pg_stat_statements over the timed part; undefined when the extension is not available. */
  statements?: StatementStats | undefined;
  /** Whether `statements.planMs` is tracked (pg_stat_statements.track_planning). */
  planning?: boolean;
  /** Highest RSS of the server process during the timed part, in bytes. */
  rss?: number | undefined;
  /** CPU seconds over the timed part: the server's process tree, PostgreSQL's, the bench's own. */
  cpu?: { serve: number; postgres: number | undefined; bench: number } | undefined;
}

/** How to run a scenario in {@link measure}. */
export interface MeasureOptions {
  concurrency: number;
  seconds: number;
  /** Stops the run early when the scenario has used up its input (e.g. orders to approve). */
  exhausted?: () => boolean;
  /** Runs after the warm-up, right before the timed part (e.g. resets pg_stat_statements). */
  beforeTimed?: () => Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `op` from `concurrency` loops for `seconds` (after a 0.5 s warm-up, fully drained before the
 * timed part starts) and reports throughput and latency percentiles in milliseconds. `op` returns
 * false for an unexpected outcome.
 */
export async function measure(
  name: string,
  op: (i: number) => Promise<boolean>,
  opts: MeasureOptions,
): Promise<BenchResult> {
  const exhausted = opts.exhausted ?? (() => false);
  const warmUntil = performance.now() + 500;
  let i = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < warmUntil && !exhausted()) await op(i++);
    }),
  );
  await opts.beforeTimed?.();
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < end && !exhausted()) {
        const t0 = performance.now();
        const ok = await op(i++).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
  };
}

const na = 'n/a';
const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : na);

/** CPU milliseconds per request of one process group, or n/a. */
function cpuPerRequest(r: BenchResult, seconds: number | undefined): string {
  return seconds === undefined || r.requests === 0 ? na : ((1000 * seconds) / r.requests).toFixed(2);
}

/** Prints results as an aligned table; the first row is the raw INSERT baseline for "% raw". */
export function printTable(results: BenchResult[]): void {
  const raw = results[0]?.perSecond ?? Number.NaN;
  const rows = results.map((r) => {
    const s = r.statements;
    const per = (x: number) => (s && r.requests > 0 ? x / r.requests : Number.NaN);
    return [
      r.name,
      r.perSecond.toFixed(0),
      fixed((100 * r.perSecond) / raw, 1),
      fixed(r.p50, 2),
      fixed(r.p95, 2),
      fixed(r.p99, 2),
      String(r.requests),
      String(r.errors),
      fixed(per(s?.calls ?? 0), 1),
      r.planning ? fixed(per(s?.planMs ?? 0), 2) : na,
      fixed(per(s?.execMs ?? 0), 2),
      fixed(per(s?.walBytes ?? 0) / 1024, 1),
      r.rss ? (r.rss / 2 ** 20).toFixed(0) : na,
      cpuPerRequest(r, r.cpu?.serve),
      cpuPerRequest(r, r.cpu?.postgres),
      cpuPerRequest(r, r.cpu?.bench),
    ];
  });
  const head = [
    'scenario',
    'per s',
    '% raw',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'n',
    'errors',
    'stmts/req',
    'plan ms/req',
    'exec ms/req',
    'WAL KB/req',
    'RSS MB',
    'serve CPU ms/req',
    'pg CPU ms/req',
    'bench CPU ms/req',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
  process.stdout.write(
    `${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
  );
}
