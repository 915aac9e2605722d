import type { FastifyInstance } from 'fastify';

/** The subset of an OpenAPI document the docs page reads. */
interface Doc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  description?: string;
  anyOf?: Schema[];
  format?: string;
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

function typeOf(s: Schema | undefined, doc: Doc): string {
  if (!s) return '';
  if (s.$ref) return s.$ref.split('/').pop() ?? '';
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  if (s.anyOf) return s.anyOf.map((x) => typeOf(x, doc)).join(' | ');
  if (s.type === 'array') return `${typeOf(s.items, doc)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  return s.format ? `${t} (${s.format})` : t;
}

function fields(s: Schema | undefined, doc: Doc): string {
  const resolved = s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] : s;
  const props = resolved?.properties;
  if (!props) return '';
  const rows = Object.entries(props).map(
    ([name, p]) =>
      `<tr><td><code>${esc(name)}</code>${resolved?.required?.includes(name) ? ' <b>*</b>' : ''}</td>` +
      `<td>${esc(typeOf(p, doc))}</td><td>${esc(p.description)}</td></tr>`,
  );
  return `<table><tr><th>Field</th><th>Type</th><th>Notes</th></tr>${rows.join('')}</table>`;
}

function operation(method: string, path: string, op: Operation, doc: Doc): string {
  const params = (op.parameters ?? []).map(
    (p) =>
      `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <b>*</b>' : ''}</td><td>${esc(p.in)}</td>` +
      `<td>${esc(typeOf(p.schema, doc))}</td><td>${esc(p.description ?? p.schema?.description)}</td></tr>`,
  );
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<code>${esc(code)}</code> ${esc(r.description)}`)
    .join(' · ');
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}${op.security ? '' : ' <em>(no token needed)</em>'}</p>
${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${params.length ? `<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>Notes</th></tr>${params.join('')}</table>` : ''}
${body ? `<h4>Body</h4>${fields(body, doc)}` : ''}
<p class="r">Responses: ${responses}</p></section>`;
}

/** Renders the OpenAPI document as one readable, dependency-free HTML page. */
export function renderDocs(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, op, doc)]);
    }
  }
  const tags = [...byTag.keys()].sort();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex}nav{width:240px;padding:1rem;background:#f5f6f8;height:100vh;overflow:auto;position:sticky;top:0}
main{padding:1rem 2rem;max-width:980px}code{font:13px ui-monospace,monospace}.op{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 4px}
.get{background:#2f7d32}.post{background:#1f5fbf}.patch,.put{background:#a36a00}.delete{background:#b3261e}.head{background:#666}
table{border-collapse:collapse;margin:.25rem 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}.r{color:#555}
@media(max-width:700px){body{display:block}nav{width:auto;height:auto;position:static}}</style></head><body>
<nav><strong>${esc(doc.info.title)}</strong> ${esc(doc.info.version)}<p><a href="/api/openapi.json">openapi.json</a></p>
${tags.map((t) => `<div><a href="#tag-${esc(t)}">${esc(t)}</a></div>`).join('')}</nav>
<main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
${tags.map((t) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${(byTag.get(t) ?? []).join('')}`).join('')}</main></body></html>`;
}

/** Serves `/api/openapi.json` and the docs page `/api/docs/`. */
export function docsRoutes(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  app.get('/api/docs/', { schema: { hide: true }, config: { public: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(renderDocs(app.swagger() as unknown as Doc)),
  );
}
