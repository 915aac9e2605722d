/** The data of a chart as a visually hidden table, for screen readers and copy-paste. */
export function ChartTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    // A table ignores its own width, so the clipping box is a wrapper.
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([first, ...rest]) => (
            <tr key={String(first)}>
              <th scope="row">{first}</th>
              {rest.map((c, i) => (
                <td key={head[i + 1] ?? i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One coloured series of a chart, named in its legend. */
export interface Series {
  key: string;
  label: string;
  color: string;
}

/** The legend under a chart: colour and name, so colour is never the only cue. */
export function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span className="chart-swatch" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** A round upper bound for an axis (1, 2, 5 × 10ⁿ) at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((k) => k * p >= max) ?? 10) * p;
}
