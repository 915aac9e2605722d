import { expect } from 'vitest';
import type { TestServer } from './http.js';
import { type Marketplace, orderBody } from './order-factories.js';
import { hexOf, makeResource, type ResourceOptions } from './resource-factories.js';
import { ALWAYS_EMPTY } from './waldur-provider-cases.js';
import { checkOperation, type WaldurSchema } from './waldur-schema.js';

/** What one checked request sends, prepared right before it is sent. */
export interface CaseRequest {
  url: string;
  token: string;
  body?: unknown;
  /** A body sent as is (multipart uploads), with its content type in `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** The server, the marketplace and helpers a case prepares its request with. */
export interface CaseContext {
  s: TestServer;
  m: Marketplace;
  /** Sends a preparing request; fails on anything but 2xx. */
  ok<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown): Promise<T>;
  /** `<server>/api/<collection>/<hex uuid>/`. */
  link(collection: string, uuid: string): string;
  /** A new order (by the project admin: pending-consumer; by the owner: pending-provider). */
  newOrder(token?: string): Promise<string>;
  /** A new resource (default OK) with a done Create order; its hex uuid. */
  newResource(opts?: ResourceOptions): Promise<string>;
  /** The same helpers over a Marketplace.Slurm marketplace (agent-driven `set_state_*`). */
  agent?: CaseContext;
}

/** One checked case: the fixture's method and path, and how to prepare the request. */
export type Case = [method: string, path: string, prepare: (c: CaseContext) => Promise<CaseRequest>];

/** The helpers of {@link CaseContext} over a server and a marketplace. */
export function caseContext(s: TestServer, m: Marketplace, agent?: CaseContext): CaseContext {
  const ok = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ) => {
    const r = await s.request<T>(method, path, { token, body });
    expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
    return r.body;
  };
  return {
    s,
    m,
    ok,
    link: (collection, uuid) => `${s.url}/api/${collection}/${hexOf(uuid)}/`,
    newOrder: async (token = m.projectAdmin.token) =>
      (await ok<{ uuid: string }>('POST', '/api/marketplace-orders/', token, orderBody(s.url, m))).uuid,
    newResource: async (opts = {}) => (await makeResource(s.tdb.db, m, opts)).hex,
    ...(agent ? { agent } : {}),
  };
}

/** Prepares and sends one case; returns the problems of its status and body against the fixture. */
export async function runCase(schema: WaldurSchema, c: CaseContext, [method, path, prepare]: Case) {
  const r = await prepare(c);
  const checked = await checkOperation(schema, c.s.request, method, path, r.url, {
    token: r.token,
    body: r.body,
    ...(r.rawBody !== undefined ? { rawBody: r.rawBody } : {}),
    ...(r.headers ? { headers: r.headers } : {}),
  });
  // An empty list checks nothing: every listing case must first make something to list.
  if (method === 'GET' && Array.isArray(checked.body) && checked.body.length === 0 && !ALWAYS_EMPTY.has(path))
    return [...checked.problems, `${r.url}: empty list, nothing was checked`];
  return checked.problems;
}
