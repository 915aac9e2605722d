import type { Tx } from '../db/database.js';

/** Metrics computed at scrape time (from the database) in Prometheus' text exposition format. */

/** One line of a family: `<name><suffix>{labels} value`. */
export interface MetricSample {
  /** Appended to the family name (`_bucket`, `_sum`, `_count`). */
  suffix?: string;
  labels: Record<string, string>;
  value: number;
}

/** A metric family: its HELP, TYPE and samples. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram';
  samples: MetricSample[];
}

/** A named producer of families, run in its own transaction per scrape. */
export interface MetricSource {
  name: string;
  collect(tx: Tx): Promise<MetricFamily[]>;
}

/** Cumulative histogram samples from per-bucket counts (`counts[i]` for `bounds[i]`, the last for +Inf). */
export function histogramSamples(
  bounds: readonly number[],
  labels: Record<string, string>,
  counts: readonly number[],
  sum: number,
): MetricSample[] {
  const out: MetricSample[] = [];
  let cumulative = 0;
  for (let i = 0; i <= bounds.length; i++) {
    cumulative += counts[i] ?? 0;
    const le = i < bounds.length ? String(bounds[i]) : '+Inf';
    out.push({ suffix: '_bucket', labels: { ...labels, le }, value: cumulative });
  }
  out.push({ suffix: '_sum', labels, value: sum }, { suffix: '_count', labels, value: cumulative });
  return out;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

/** Renders families in the text format (version 0.0.4). */
export function renderFamilies(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${f.name}${s.suffix ?? ''}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
