import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, serializeOpenApi } from '../../src/app/openapi.js';
import { routeTable } from '../../src/platform/http/route.js';

interface Op {
  operationId?: string;
  responses?: Record<string, unknown>;
  summary?: string;
}
type Doc = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown> };
};

const committed = fs.readFileSync('openapi/openapi.json', 'utf8');

describe('the committed OpenAPI document', () => {
  it('is exactly what the route schemas generate (run `npm run openapi` after changing a route)', async () => {
    const generated = serializeOpenApi(await generateOpenApi());
    expect(
      generated === committed,
      'openapi/openapi.json is stale: run `npm run openapi` and commit it',
    ).toBe(true);
  });

  it('is a structurally valid OpenAPI 3.1 document whose references all resolve', () => {
    const doc = JSON.parse(committed) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      for (const [method, op] of Object.entries(ops)) {
        expect(['get', 'post', 'put', 'patch', 'delete', 'head']).toContain(method);
        expect(op.operationId, `${method} ${path} needs an operationId`).toBeTruthy();
        expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        expect(op.summary, `${method} ${path} needs a summary`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
    const refs = [...committed.matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas, `dangling $ref ${ref}`).toHaveProperty(ref);
  });

  it('covers every registered route', async () => {
    await generateOpenApi(); // fills the route table
    const doc = JSON.parse(committed) as Doc;
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const registered = new Set(routeTable.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    expect(registered.size).toBeGreaterThan(20);
    for (const r of registered) expect(documented, `${r} is not in the document`).toContain(r);
  });
});
