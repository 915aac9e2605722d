/**
 * Finds every table write in `src/` (Kysely `insertInto`/`updateTable`/`deleteFrom`/`mergeInto` and
 * raw `INSERT INTO`/`UPDATE … SET`/`DELETE FROM`) and checks it against `TABLE_OWNERS`.
 * `tsx scripts/table-writes.ts` prints the violations; `test/unit/table-ownership.test.ts` fails on them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TABLE_OWNERS } from '../src/platform/db/table-owners.js';

/** One write found in the code. */
export interface TableWrite {
  file: string;
  line: number;
  /** The table, or `null` when the call names it with an expression the scanner cannot read. */
  table: string | null;
}

const KYSELY = /\.(insertInto|updateTable|deleteFrom|mergeInto)\(\s*([^)]*?)\s*[),]/g;
const RAW = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)/g;

/** Removes comments so prose such as "an UPDATE order" is not read as SQL; keeps line numbers. */
function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, (_m, pre: string) => pre);
}

/** The writes in one source text; raw SQL counts only for known tables (`UPDATE x SET`). */
export function writesIn(file: string, source: string, tables: ReadonlySet<string>): TableWrite[] {
  const text = stripComments(source);
  const lineOf = (i: number) => text.slice(0, i).split('\n').length;
  const out: TableWrite[] = [];
  for (const m of text.matchAll(KYSELY)) {
    const arg = (m[2] ?? '').trim();
    const literal = /^['"`]([a-z_][a-z0-9_]*)(?:\s+as\s+\w+)?['"`]$/.exec(arg);
    out.push({ file, line: lineOf(m.index ?? 0), table: literal?.[1] ?? null });
  }
  for (const m of text.matchAll(RAW)) {
    const table = m[2] ?? '';
    if (!tables.has(table)) continue;
    if (m[1] === 'UPDATE' && !/^\s*(?:\w+\s+)?SET\b/i.test(text.slice((m.index ?? 0) + m[0].length)))
      continue;
    out.push({ file, line: lineOf(m.index ?? 0), table });
  }
  return out;
}

/** The area a file belongs to: `modules/<m>`, `flows/<f>`, `platform/<p>`, or the top folder. */
export function areaOf(file: string): string {
  const parts = file.split('/');
  return ['modules', 'flows', 'platform'].includes(parts[1] ?? '')
    ? `${parts[1]}/${parts[2]}`
    : `${parts[1]}`;
}

/** Why a write breaks the ownership rule, or `null` when it is the owner's repository writing. */
export function violationOf(w: TableWrite, owners: Readonly<Record<string, string>>): string | null {
  if (w.table === null) return 'table named by an expression: use a literal table name';
  const owner = owners[w.table];
  if (!owner) return `unknown table "${w.table}"`;
  const area = areaOf(w.file);
  if (area !== owner) return `"${w.table}" is owned by ${owner}, written from ${area}`;
  if (owner.startsWith('modules/') && !w.file.startsWith(`src/${owner}/adapters/pg/`))
    return `"${w.table}" written outside ${owner}/adapters/pg/`;
  return null;
}

/** Every write under `src/` except migrations (which create the schema, before any owner exists). */
export function scanSource(root = 'src'): TableWrite[] {
  const tables = new Set(Object.keys(TABLE_OWNERS));
  const out: TableWrite[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.posix.join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== 'src/platform/db/migrations') walk(p);
      } else if (p.endsWith('.ts')) out.push(...writesIn(p, fs.readFileSync(p, 'utf8'), tables));
    }
  };
  walk(root);
  return out;
}

/** Each violation as `file:line  reason`. */
export function ownershipViolations(): string[] {
  return scanSource().flatMap((w) => {
    const why = violationOf(w, TABLE_OWNERS);
    return why ? [`${w.file}:${w.line}  ${why}`] : [];
  });
}

if (process.argv[1]?.endsWith('table-writes.ts')) {
  const v = ownershipViolations();
  process.stdout.write(`${scanSource().length} writes, ${v.length} violations\n${v.join('\n')}\n`);
}
