/**
 * The parts of ARCHITECTURE.md that are read from the code: which module owns which tables
 * (`TABLE_OWNERS`) and which area imports which (a Mermaid diagram). `tsx scripts/architecture-map.ts
 * --write` rewrites them between their markers; `test/unit/architecture-map.test.ts` fails when stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TABLE_OWNERS } from '../src/platform/db/table-owners.js';
import { areaOf } from './table-writes.js';

const IMPORT = /^\s*import\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;

/** Every `.ts` file under `src/`, as posix paths. */
function sourceFiles(dir = 'src'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) return p === 'src/platform/db/migrations' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Area → the areas it imports (relative imports only; the composition root and CLI left out). */
export function areaImports(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of sourceFiles()) {
    const from = areaOf(file);
    if (!/^(modules|flows)\//.test(from)) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? ''));
      const to = areaOf(target);
      if (to === from || to.startsWith('platform/')) continue;
      if (!out.has(from)) out.set(from, new Set());
      out.get(from)?.add(to);
    }
  }
  return out;
}

/** The owners table as Markdown: one row per owner, its tables in schema order. */
export function ownersMarkdown(): string {
  const byOwner = new Map<string, string[]>();
  for (const [table, owner] of Object.entries(TABLE_OWNERS)) {
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), table]);
  }
  const rows = [...byOwner.entries()].sort(([a], [b]) => a.localeCompare(b));
  return [
    '| owner (only writer) | tables |',
    '|---|---|',
    ...rows.map(([o, t]) => `| \`${o}\` | ${t.join(', ')} |`),
  ].join('\n');
}

/** The module/flow dependency diagram as a Mermaid flowchart (platform, used by all, left out). */
export function dependencyMermaid(): string {
  const node = (a: string) => a.replace(/[/-]/g, '_');
  const edges = [...areaImports().entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([from, tos]) => [...tos].sort().map((to) => `  ${node(from)} --> ${node(to)}`));
  const areas = new Set(edges.flatMap((e) => e.trim().split(' --> ')));
  const labels = [...areas].sort().map((n) => `  ${n}["${n.replace('_', '/').replace(/_/g, '-')}"]`);
  return ['```mermaid', 'flowchart LR', ...labels, ...edges, '```'].join('\n');
}

/** `text` with the block between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`ARCHITECTURE.md lacks the ${name} markers`);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

/** ARCHITECTURE.md as it should be. */
export function expectedArchitecture(current: string): string {
  return replaceBlock(replaceBlock(current, 'owners', ownersMarkdown()), 'dependencies', dependencyMermaid());
}

if (process.argv[1]?.endsWith('architecture-map.ts')) {
  const file = 'ARCHITECTURE.md';
  if (process.argv.includes('--write'))
    fs.writeFileSync(file, expectedArchitecture(fs.readFileSync(file, 'utf8')));
  else process.stdout.write(`${ownersMarkdown()}\n\n${dependencyMermaid()}\n`);
}
