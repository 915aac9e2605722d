import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../../src/modules/identity/domain/default-roles.js';
import { makeCustomer, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}
interface Item {
  uuid: string;
}
interface ListCase {
  name: string;
  /** Path with the filters that pin the list to a known set (no page parameters). */
  path: () => string;
  total: number;
  /** A page size giving several pages. */
  size: number;
  /** Whether the list holds more than 300 items (to see the page_size clamp). */
  big: boolean;
}

const BULK = 305;
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];

/** `Link: <url>; rel="next", …` → rel → URL. */
function links(header: string | null): Record<string, URL> {
  const out: Record<string, URL> = {};
  for (const m of (header ?? '').matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)) out[m[2] ?? ''] = new URL(m[1] ?? '');
  return out;
}
const withQuery = (path: string, q: string) => `${path}${path.includes('?') ? '&' : '?'}${q}`;

let s: TestServer;
let staff: TestUser;
let customerUuid = '';
let projectUuid = '';

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  const pool = s.tdb.pool;
  staff = await makeUser(db, { staff: true });
  const org = await makeCustomer(db, { name: 'Holder' });
  const project = await makeProject(db, org.id);
  customerUuid = org.uuid;
  projectUuid = project.uuid;
  await pool.query(
    `INSERT INTO users (username, email) SELECT 'bulk-' || lpad(g::text, 3, '0'), 'b' || g || '@x.example' FROM generate_series(1, $1) g`,
    [BULK],
  );
  await pool.query(
    `INSERT INTO customers (name, slug) SELECT 'Bulk ' || lpad(g::text, 3, '0'), 'bulk-' || g FROM generate_series(1, $1) g`,
    [BULK],
  );
  await pool.query(
    `INSERT INTO projects (customer_id, name, slug) SELECT $1, 'Bulk ' || g, 'bulk-p-' || g FROM generate_series(1, $2) g`,
    [org.id, BULK],
  );
  await pool.query(
    `INSERT INTO service_providers (customer_id) SELECT id FROM customers WHERE slug LIKE 'bulk-%'`,
  );
  for (const [role, type, id] of [
    ['CUSTOMER.MANAGER', 'customer', org.id],
    ['PROJECT.ADMIN', 'project', project.id],
  ] as const) {
    await pool.query(
      `INSERT INTO user_roles (user_id, role_id, scope_type, scope_id)
       SELECT u.id, (SELECT id FROM roles WHERE name = $1), $2, $3 FROM users u WHERE u.username LIKE 'bulk-%'`,
      [role, type, id],
    );
  }
});
afterAll(() => s.close());

const cases: ListCase[] = [
  { name: 'GET /api/users/', path: () => '/api/users/', total: BULK + 1, size: 7, big: true },
  { name: 'GET /api/customers/', path: () => '/api/customers/?name=bulk', total: BULK, size: 10, big: true },
  {
    name: 'GET /api/projects/',
    path: () => `/api/projects/?customer=${customerUuid}`,
    total: BULK + 1,
    size: 10,
    big: true,
  },
  {
    name: 'GET /api/customers/{uuid}/list_users/',
    path: () => `/api/customers/${customerUuid}/list_users/`,
    total: BULK,
    size: 10,
    big: true,
  },
  {
    name: 'GET /api/projects/{uuid}/list_users/',
    path: () => `/api/projects/${projectUuid}/list_users/`,
    total: BULK,
    size: 10,
    big: true,
  },
  {
    name: 'GET /api/marketplace-service-providers/',
    path: () => '/api/marketplace-service-providers/',
    total: BULK,
    size: 10,
    big: true,
  },
  { name: 'GET /api/roles/', path: () => '/api/roles/', total: DEFAULT_ROLES.length, size: 3, big: false },
];

describe.each(cases)('pagination of $name', ({ path, total, size, big }) => {
  const last = Math.ceil(total / size);

  it('answers page 1 as a bare array with X-Result-Count and first, next and last links', async () => {
    const r = await s.request<Item[]>('GET', withQuery(path(), `page_size=${size}`), { token: staff.token });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    expect(r.body).toHaveLength(size);
    expect(r.headers.get('x-result-count')).toBe(String(total));
    const l = links(r.headers.get('link'));
    expect(Object.keys(l).sort()).toEqual(['first', 'last', 'next']);
    expect(l.next?.searchParams.get('page')).toBe('2');
    expect(l.next?.searchParams.get('page_size')).toBe(String(size));
    expect(l.last?.searchParams.get('page')).toBe(String(last));
    const own = new URL(path(), s.url);
    for (const [k, v] of own.searchParams) expect(l.next?.searchParams.get(k)).toBe(v);
    expect(l.next?.pathname).toBe(own.pathname);
  });

  it('walks every page through rel="next" and finds each item once, with no next on the last page', async () => {
    const pageSize = big ? 25 : size;
    let next: string | undefined = withQuery(path(), `page_size=${pageSize}`);
    const seen: string[] = [];
    let pages = 0;
    let lastLinks: Record<string, URL> = {};
    while (next) {
      const r: { status: number; body: Item[]; headers: Headers } = await s.request<Item[]>('GET', next, {
        token: staff.token,
      });
      expect(r.status).toBe(200);
      pages += 1;
      seen.push(...r.body.map((i) => i.uuid));
      lastLinks = links(r.headers.get('link'));
      const n: URL | undefined = lastLinks.next;
      if (n) expect(n.searchParams.get('page')).toBe(String(pages + 1));
      next = n ? `${n.pathname}${n.search}` : undefined;
    }
    expect(pages).toBe(Math.ceil(total / pageSize));
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(lastLinks.next).toBeUndefined();
    expect(lastLinks.prev?.searchParams.get('page') ?? '1').toBe(pages > 2 ? String(pages - 1) : '1');
  });

  it('answers HEAD with the count as a decimal integer and no body', async () => {
    const r = await s.request('HEAD', path(), { token: staff.token });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers.get('x-result-count')).toBe(String(total));
  });

  it('clamps page_size to 300', async () => {
    const r = await s.request<Item[]>('GET', withQuery(path(), 'page_size=1000'), { token: staff.token });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(Math.min(total, 300));
    const l = links(r.headers.get('link'));
    if (big) expect(l.next?.searchParams.get('page')).toBe('2');
    else expect(l.next).toBeUndefined();
  });

  it.each([
    { param: 'page', value: '0' },
    { param: 'page', value: 'abc' },
    { param: 'page', value: '-1' },
    { param: 'page', value: '1.5' },
    { param: 'page_size', value: '0' },
    { param: 'page_size', value: 'many' },
  ])('rejects $param=$value with 400 naming the query parameter', async ({ param, value }) => {
    const r = await s.request<Problem>('GET', withQuery(path(), `${param}=${value}`), { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/query/${param}`]);
  });

  it('answers 401 to GET and HEAD without a token', async () => {
    expect((await s.request('GET', path())).status).toBe(401);
    expect((await s.request('HEAD', path())).status).toBe(401);
  });
});
