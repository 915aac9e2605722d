import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_BOUND } from '../../src/platform/http/list.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

/** `Link: <url>; rel="next", …` → the rels present. */
const rels = (header: string | null) => [...(header ?? '').matchAll(/rel="(\w+)"/g)].map((m) => m[1]);

let s: TestServer;
let staff: TestUser;
let total = 0;
const EXTRA = 120;

beforeAll(async () => {
  s = await startTestServer();
  staff = await makeUser(s.tdb.db, { staff: true });
  await sql`INSERT INTO users (username, email)
            SELECT 'bound-' || g, 'bound-' || g || '@example.com'
              FROM generate_series(1, ${COUNT_BOUND + EXTRA}) g`.execute(s.tdb.db);
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM users`.execute(s.tdb.db);
  total = Number(r.rows[0]?.n);
});
afterAll(async () => {
  await s.close();
});

describe('X-Result-Count past the count bound', () => {
  it('GET counts up to the bound: one more than it, marked inexact, no last link, next still there', async () => {
    const r = await s.request<unknown[]>('GET', '/api/users/?page_size=50', { token: staff.token });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(50);
    expect(r.headers.get('x-result-count')).toBe(String(COUNT_BOUND + 1));
    expect(r.headers.get('x-result-count-exact')).toBe('false');
    expect(rels(r.headers.get('link'))).toEqual(['first', 'next']);
  });

  it('HEAD (Waldur’s count endpoints) counts exactly', async () => {
    const r = await s.request('HEAD', '/api/users/', { token: staff.token });
    expect(r.headers.get('x-result-count')).toBe(String(total));
    expect(r.headers.get('x-result-count-exact')).toBeNull();
  });

  it('a page past the bound is counted to its end: exact once the end is in sight, 404 past it', async () => {
    const size = 100;
    const lastPage = Math.ceil(total / size);
    const last = await s.request<unknown[]>('GET', `/api/users/?page_size=${size}&page=${lastPage}`, {
      token: staff.token,
    });
    expect(last.status).toBe(200);
    expect(last.body).toHaveLength(total - (lastPage - 1) * size);
    expect(last.headers.get('x-result-count')).toBe(String(total));
    expect(last.headers.get('x-result-count-exact')).toBeNull();
    expect(rels(last.headers.get('link'))).toEqual(['first', 'prev', 'last']);
    const past = await s.request<{ detail: string }>(
      'GET',
      `/api/users/?page_size=${size}&page=${lastPage + 1}`,
      {
        token: staff.token,
      },
    );
    expect(past.status).toBe(404);
    expect(past.body.detail).toBe('Invalid page.');
  });

  it('a filtered list under the bound stays exact', async () => {
    const r = await s.request<unknown[]>('GET', '/api/users/?username=bound-7', { token: staff.token });
    expect(r.headers.get('x-result-count')).toBe(String(r.body.length));
    expect(r.headers.get('x-result-count-exact')).toBeNull();
  });
});
