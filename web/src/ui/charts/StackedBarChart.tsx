import { ChartTable, Legend, niceMax, type Series } from './ChartTable.js';
import './charts.css';

/** One stacked bar: its label and a value per series key. */
export interface Stack {
  label: string;
  values: Record<string, number>;
}

const W = 480;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 34, left: 36 };

/**
 * Stacked vertical bars as inline SVG (one colour per series, a legend below): `role="img"` named by
 * `summary`, with every value in a visually hidden table; scales with its container.
 */
export function StackedBarChart({
  title,
  summary,
  series,
  stacks,
  labelEvery = 1,
}: {
  title: string;
  summary: string;
  series: Series[];
  stacks: Stack[];
  labelEvery?: number;
}) {
  const total = (s: Stack) => series.reduce((n, x) => n + (s.values[x.key] ?? 0), 0);
  const max = niceMax(Math.max(0, ...stacks.map(total)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, stacks.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <figure className="chart-figure" style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#dde1e7" />
            <text x={PAD.left - 6} y={y(max * f) + 4} fontSize="11" textAnchor="end">
              {String(Math.round(max * f * 10) / 10)}
            </text>
          </g>
        ))}
        {stacks.map((s, i) => {
          const x = PAD.left + i * step + step * 0.12;
          let below = 0;
          return (
            <g key={s.label}>
              {series.map((x2) => {
                const v = s.values[x2.key] ?? 0;
                if (v === 0) return null;
                const top = y(below + v);
                const h = (v / max) * plotH;
                below += v;
                return <rect key={x2.key} x={x} y={top} width={step * 0.76} height={h} fill={x2.color} />;
              })}
              {i % labelEvery === 0 && (
                <text x={x + step * 0.38} y={H - PAD.bottom + 16} fontSize="11" textAnchor="middle">
                  {s.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
      <ChartTable
        caption={title}
        head={['', ...series.map((s) => s.label), 'Total']}
        rows={stacks.map((s) => [s.label, ...series.map((x) => s.values[x.key] ?? 0), total(s)])}
      />
    </figure>
  );
}
