/**
 * The file-level import graph of `src/` (type-only imports included: a circle closed by types is still
 * a circle) and the layering rules `test/unit/import-rules.test.ts` checks: no circles, `platform`
 * imports no module or flow, and no module reaches into another module's `adapters/`.
 * `tsx scripts/import-graph.ts` prints what breaks them.
 */
import fs from 'node:fs';
import path from 'node:path';

/** `from '…'`, `import '…'`, `import('…')` and `export … from '…'` with a relative specifier. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every `.ts` file under `dir`, as posix paths. */
export function sourceFiles(dir = 'src'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Comments removed, so that an import quoted in prose is not an edge. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** The relative imports of one file's text, resolved to `.ts` paths. */
export function importsOf(file: string, text: string): string[] {
  const out = new Set<string>();
  for (const m of code(text).matchAll(SPECIFIER)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? ''));
    out.add(target.replace(/\.js$/, '.ts'));
  }
  return [...out];
}

/** File → the files it imports, for every file under `dir`. */
export function importGraph(dir = 'src'): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) graph.set(file, importsOf(file, fs.readFileSync(file, 'utf8')));
  return graph;
}

/** The import circles: each strongly connected set of two or more files (or a file importing itself). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative so that a deep chain cannot overflow the stack.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const edges = (graph.get(top.node) ?? []).filter((t) => graph.has(t));
      if (top.edge < edges.length) {
        const to = edges[top.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const members: string[] = [];
      for (;;) {
        const n = stack.pop()!;
        onStack.delete(n);
        members.push(n);
        if (n === top.node) break;
      }
      const selfLoop = (graph.get(top.node) ?? []).includes(top.node);
      if (members.length > 1 || selfLoop) cycles.push(members.sort());
    }
  }
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** `modules/<m>` or `flows/<f>` of a path under `src/`, else `platform`, `app`, … */
function areaOf(file: string): { layer: string; name: string } {
  const [, layer = '', name = ''] = file.split('/');
  return { layer, name };
}

/** Why an import breaks the layering, or `null`: platform stays below modules and flows; adapters are private. */
export function layerViolation(from: string, to: string): string | null {
  const a = areaOf(from);
  const b = areaOf(to);
  if (a.layer === 'platform' && (b.layer === 'modules' || b.layer === 'flows')) {
    return `platform imports ${b.layer}/${b.name}`;
  }
  if (
    a.layer === 'modules' &&
    b.layer === 'modules' &&
    a.name !== b.name &&
    to.split('/')[3] === 'adapters'
  ) {
    return `modules/${a.name} imports modules/${b.name}'s adapters`;
  }
  return null;
}

/** Every import of `graph` that breaks the layering, as `from → to: why`. */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const why = layerViolation(from, to);
      if (why) out.push(`${from} → ${to}: ${why}`);
    }
  }
  return out.sort();
}

if (process.argv[1]?.endsWith('import-graph.ts')) {
  const graph = importGraph();
  for (const c of importCycles(graph)) console.log(`circle: ${c.join(' ↔ ')}`);
  for (const v of layerViolations(graph)) console.log(v);
}
