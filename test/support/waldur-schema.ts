import { readFileSync } from 'node:fs';

/** One schema node of the fixture (an OpenAPI subset: type, format, enum, nullable, $ref, items, anyOf). */
export interface SchemaNode {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: (string | number)[];
  nullable?: boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
}

/** One Waldur operation Orderly serves, with its success responses (`null`: no body model). */
export interface WaldurOperation {
  operationId: string;
  tag: string;
  method: string;
  path: string;
  responses: Record<string, SchemaNode | null>;
}

/** The fixture `scripts/extract-waldur-schema.py` writes. */
export interface WaldurSchema {
  source: string;
  operations: WaldurOperation[];
  orderlyOnly: string[];
  definitions: Record<string, SchemaNode>;
}

/** Loads test/fixtures/waldur-schema.json. */
export function loadWaldurSchema(): WaldurSchema {
  const url = new URL('../fixtures/waldur-schema.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as WaldurSchema;
}

/**
 * Fields where Orderly knowingly differs from the published schema, as `Definition.field`, each with
 * its reason; every other field is checked.
 */
export const DEVIATIONS: Record<string, string> = {
  // Waldur's 8.1.2 document says integer, but usage is fractional (set_usage takes decimals; Waldur
  // stores numeric(20,2) and the client only passes the value through): Orderly keeps the decimal string.
  'ComponentUsage.usage': 'fractional usage is a decimal string',
  'ComponentUserUsage.usage': 'fractional usage is a decimal string',
  // The document says decimal strings, but Waldur's SerializerMethodField renders the plan's price
  // map as JSON numbers (its JSON encoder turns Decimal into float); the client passes them through.
  'BaseProviderPlanPrices.*': 'prices are JSON numbers, as Waldur renders them',
  'BasePublicPlanPrices.*': 'prices are JSON numbers, as Waldur renders them',
  'ProviderPlanDetailsPrices.*': 'prices are JSON numbers, as Waldur renders them',
};

const UUID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

const describeValue = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'string' ? JSON.stringify(v) : typeof v;

/**
 * Checks a value against a fixture schema the way Waldur's client reads it: required keys present,
 * null only where nullable, types, uuid/date/date-time formats, enum values, array items; keys the
 * schema does not name (Orderly's additions such as `abilities`) are allowed. Returns the problems.
 */
export function validate(schema: WaldurSchema, node: SchemaNode, value: unknown, at = '$'): string[] {
  let n = node;
  let name: string | undefined;
  if (n.$ref) {
    name = n.$ref;
    const def = schema.definitions[n.$ref];
    if (!def) return [`${at}: unknown definition ${n.$ref}`];
    n = { ...def, nullable: node.nullable ?? def.nullable };
  }
  if (value === null) return n.nullable ? [] : [`${at}: null, but not nullable (${expected(n)})`];
  if (n.anyOf) {
    const fits = n.anyOf.some((alt) => validate(schema, alt, value, at).length === 0);
    return fits
      ? []
      : [`${at}: ${describeValue(value)} matches none of ${n.anyOf.map(expected).join(' | ')}`];
  }
  if (n.enum) {
    return n.enum.includes(value as string | number)
      ? []
      : [`${at}: ${describeValue(value)} not in enum [${n.enum.join(', ')}]`];
  }
  switch (n.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at}: ${describeValue(value)}, expected ${expected(n)}`];
      return formatOk(n.format, value) ? [] : [`${at}: ${describeValue(value)} is not ${n.format}`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: ${describeValue(value)}, expected integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: ${describeValue(value)}, expected number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: ${describeValue(value)}, expected boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: ${describeValue(value)}, expected array`];
      return value.flatMap((v, i) => (n.items ? validate(schema, n.items, v, `${at}[${i}]`) : []));
    case 'object':
      return validateObject(schema, n, value, at, name);
    default:
      return [];
  }
}

function validateObject(
  schema: WaldurSchema,
  n: SchemaNode,
  value: unknown,
  at: string,
  name: string | undefined,
): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${at}: ${describeValue(value)}, expected object`];
  const obj = value as Record<string, unknown>;
  const problems = (n.required ?? []).filter((k) => !(k in obj)).map((k) => `${at}.${k}: required, missing`);
  for (const [k, v] of Object.entries(obj)) {
    const prop = n.properties?.[k];
    if (name && (`${name}.${k}` in DEVIATIONS || (!prop && `${name}.*` in DEVIATIONS))) continue;
    if (prop) problems.push(...validate(schema, prop, v, `${at}.${k}`));
    else if (typeof n.additionalProperties === 'object')
      problems.push(...validate(schema, n.additionalProperties, v, `${at}.${k}`));
  }
  return problems;
}

function formatOk(format: string | undefined, v: string): boolean {
  if (format === 'uuid') return UUID.test(v);
  if (format === 'date') return DATE.test(v);
  if (format === 'date-time') return DATE_TIME.test(v) && !Number.isNaN(Date.parse(v));
  return true;
}

function expected(n: SchemaNode): string {
  if (n.$ref) return n.$ref;
  if (n.enum) return `enum`;
  return n.format ? `${n.type} (${n.format})` : (n.type ?? 'any');
}

/** Result of one checked request: the problems found and the parsed body. */
export interface Checked<T> {
  problems: string[];
  status: number;
  body: T;
}

/** A request sender (the shape of `TestServer.request`). */
type Send = (
  method: string,
  path: string,
  opts: RequestOpts,
) => Promise<{ status: number; body: unknown; text: string }>;

/** Token, body and extra headers of one request. */
type RequestOpts = { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };

/**
 * Sends a request for the Waldur operation `method template` and checks the answer: its status is
 * one Waldur's client accepts, and its body fits that status's response schema.
 */
export async function checkOperation<T = Record<string, unknown>>(
  schema: WaldurSchema,
  send: Send,
  method: string,
  template: string,
  url: string,
  opts: RequestOpts = {},
): Promise<Checked<T>> {
  const op = findOperation(schema, method, template);
  const r = await send(method, url, opts);
  const node = op.responses[String(r.status)];
  if (node === undefined) {
    const accepted = Object.keys(op.responses).join('/');
    return {
      problems: [`status ${r.status} (Waldur: ${accepted}): ${r.text.slice(0, 300)}`],
      status: r.status,
      body: r.body as T,
    };
  }
  return { problems: node ? validate(schema, node, r.body) : [], status: r.status, body: r.body as T };
}

/** The fixture operation for a method and path template; throws when the fixture has none. */
export function findOperation(schema: WaldurSchema, method: string, template: string): WaldurOperation {
  const op = schema.operations.find((o) => o.method === method.toLowerCase() && o.path === template);
  if (!op) throw new Error(`no Waldur operation ${method} ${template} in the fixture`);
  return op;
}
