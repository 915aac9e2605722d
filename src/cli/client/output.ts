/** Prints a value as pretty JSON (what `--json` gives scripts). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A cell as text. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Prints rows as an aligned table with the given columns (`[header, read]`). */
export function printTable<T>(rows: T[], columns: [string, (row: T) => unknown][]): void {
  const table = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, read]) => cell(read(r))))];
  const widths = columns.map((_, i) => Math.max(...table.map((line) => (line[i] ?? '').length)));
  const text = table.map((line) =>
    line
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  process.stdout.write(`${text.join('\n')}\n`);
}

/** Prints an object as `key: value` lines, for `show`. */
export function printFields(obj: object, keys: string[]): void {
  const rec = obj as Record<string, unknown>;
  const width = Math.max(...keys.map((k) => k.length));
  for (const k of keys) process.stdout.write(`${`${k}:`.padEnd(width + 2)}${cell(rec[k])}\n`);
}

/** Prints `value` as JSON when `json`, otherwise calls `human`. */
export function emit<T>(json: boolean | undefined, value: T, human: (v: T) => void): void {
  if (json) printJson(value);
  else human(value);
}
