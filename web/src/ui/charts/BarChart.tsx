import { ChartTable, niceMax } from './ChartTable.js';
import './charts.css';

/** One bar: its label, value and colour. */
export interface Bar {
  label: string;
  value: number;
  color?: string;
  /** Short axis label (default: `label`). */
  tick?: string;
}

const W = 480;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 34, left: 48 };

/**
 * Vertical bars as inline SVG: `role="img"` with `summary` as its name, and the values in a visually
 * hidden table. It scales with its container (viewBox, width 100%).
 */
export function BarChart({
  title,
  summary,
  bars,
  format = String,
  labelEvery = 1,
}: {
  title: string;
  summary: string;
  bars: Bar[];
  format?: (n: number) => string;
  /** Show every n-th x label (long series stay readable on a phone). */
  labelEvery?: number;
}) {
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, bars.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <figure className="chart-figure" style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#dde1e7" />
            <text x={PAD.left - 6} y={y(max * f) + 4} fontSize="11" textAnchor="end">
              {format(max * f)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const h = (b.value / max) * plotH;
          const x = PAD.left + i * step + step * 0.15;
          return (
            <g key={b.label}>
              <rect
                x={x}
                y={PAD.top + plotH - h}
                width={step * 0.7}
                height={h}
                fill={b.color ?? '#264a7d'}
                rx="2"
              />
              {i % labelEvery === 0 && (
                <text x={x + step * 0.35} y={H - PAD.bottom + 16} fontSize="11" textAnchor="middle">
                  {b.tick ?? b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartTable caption={title} head={['', title]} rows={bars.map((b) => [b.label, format(b.value)])} />
    </figure>
  );
}
