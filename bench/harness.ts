import { performance } from 'node:perf_hooks';

/** Figures of one measured scenario. */
export interface BenchResult {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `op` from `concurrency` loops for `seconds` (after a short warm-up) and reports throughput
 * and latency percentiles in milliseconds. `op` returns false for an unexpected outcome.
 */
export async function measure(
  name: string,
  op: (i: number) => Promise<boolean>,
  concurrency: number,
  seconds: number,
  /** Stops the run early when the scenario has used up its input (e.g. orders to approve). */
  exhausted: () => boolean = () => false,
): Promise<BenchResult> {
  const warmUntil = performance.now() + 500;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warmUntil && !exhausted()) await op(i++);
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && !exhausted()) {
        const t0 = performance.now();
        const ok = await op(i++);
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
    p99: percentile(latencies, 99),
    errors,
  };
}

/** Prints results as an aligned table. */
export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    r.perSecond.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    String(r.requests),
    String(r.errors),
  ]);
  const head = ['scenario', 'per s', 'p50 ms', 'p99 ms', 'n', 'errors'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
  process.stdout.write(
    `${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
  );
}
