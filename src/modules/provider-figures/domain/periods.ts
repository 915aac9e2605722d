/** A billing month as `YYYY-MM` (Waldur's `start`/`end` query format). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** An inclusive range of billing months, each as the first day (`YYYY-MM-01`). */
export interface MonthRange {
  first: string;
  last: string;
}

/** `YYYY-MM` of a date, in UTC. */
export function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** The month `n` months after `month` (`YYYY-MM`; `n` may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months asked for: `end` defaults to the current month, `start` to eleven months before `end`
 * (a year of figures, as a provider's yearly view); a reversed range is swapped rather than refused.
 */
export function monthRange(now: Date, start?: string, end?: string): MonthRange {
  const last = end ?? monthOf(now);
  const first = start ?? addMonths(last, -11);
  const [a, b] = first <= last ? [first, last] : [last, first];
  return { first: `${a}-01`, last: `${b}-01` };
}
