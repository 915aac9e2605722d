import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  importCycles,
  importGraph,
  importsOf,
  layerViolation,
  layerViolations,
} from '../../scripts/import-graph.js';

describe('import rules over src/ (type-only imports count)', () => {
  it('the scanner reads every import form and ignores prose', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "export type * from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      'import {\n  g,\n  h,\n} from "./g.js";',
      "import { z } from 'zod';",
      "// import { x } from './commented.js';",
      "/** see import('./doc.js') */",
    ].join('\n');
    expect(importsOf('src/x/y.ts', text).sort()).toEqual([
      'src/b/b.ts',
      'src/x/a.ts',
      'src/x/c.ts',
      'src/x/d.ts',
      'src/x/e.ts',
      'src/x/f.ts',
      'src/x/g.ts',
    ]);
  });

  it('finds circles, long ones and self-imports included', () => {
    const g = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(importCycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('the layering rule: platform below modules and flows; adapters private to their module', () => {
    expect(layerViolation('src/platform/http/route.ts', 'src/modules/identity/domain/actor.ts')).toMatch(
      /platform imports modules\/identity/,
    );
    expect(layerViolation('src/platform/jobs/periodic.ts', 'src/flows/x/y.ts')).toMatch(
      /platform imports flows/,
    );
    expect(
      layerViolation('src/modules/resources/app/x.ts', 'src/modules/orders/adapters/pg/order-query.ts'),
    ).toMatch(/modules\/resources imports modules\/orders's adapters/);
    expect(layerViolation('src/modules/orders/app/x.ts', 'src/modules/orders/adapters/pg/y.ts')).toBeNull();
    expect(layerViolation('src/modules/orders/app/x.ts', 'src/modules/identity/app/access.ts')).toBeNull();
    expect(layerViolation('src/flows/x/y.ts', 'src/modules/orders/adapters/pg/y.ts')).toBeNull();
    expect(layerViolation('src/app/routes.ts', 'src/modules/orders/adapters/http/x.ts')).toBeNull();
  });

  const graph = importGraph();

  it('reads the whole tree', () => {
    // A scanner that found nothing would let the rules below pass vacuously.
    expect(graph.size).toBeGreaterThan(500);
    expect([...graph.values()].flat().length).toBeGreaterThan(2000);
  });

  it('has no import circle between files', () => {
    expect(importCycles(graph).map((c) => c.join(' ↔ '))).toEqual([]);
  });

  it('platform imports no module or flow', () => {
    expect(layerViolations(graph).filter((v) => v.includes(': platform imports'))).toEqual([]);
  });

  it('route files build no query (no SQL, no where/join/order): queries live in adapters/pg', () => {
    const routeFile =
      /^src\/(modules\/[^/]+\/adapters\/http\/[^/]+|flows\/[^/]+\/routes|app\/[^/]*routes[^/]*)\.ts$/;
    const sqlCall =
      /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(<[^>]*>)?`|\.(where|whereRef|orderBy|innerJoin|leftJoin)\(/;
    const routeFiles = [...graph.keys()].filter((f) => routeFile.test(f));
    expect(routeFiles.length).toBeGreaterThan(50);
    expect(routeFiles.filter((f) => sqlCall.test(fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it("no module imports another module's adapters (its api.ts, app/ and domain/ are public)", () => {
    expect(layerViolations(graph).filter((v) => v.includes("'s adapters"))).toEqual([]);
  });
});
