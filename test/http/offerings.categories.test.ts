import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeCategory, makeOffering } from '../support/offering-factories.js';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}
interface Category {
  url: string;
  uuid: string;
  title: string;
  description: string;
  offering_count: number;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const PATH = '/api/marketplace-categories/';

let s: TestServer;
let staff: TestUser;
let user: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  staff = await makeUser(s.tdb.db, { staff: true });
  user = await makeUser(s.tdb.db);
});
afterAll(() => s.close());

describe('/api/marketplace-categories/', () => {
  it('lets staff create a category: 201 with uuid, url and title', async () => {
    const r = await s.request<Category>('POST', PATH, {
      token: staff.token,
      body: { title: 'Storage', description: 'Disks' },
    });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body).toMatchObject({
      url: `${s.url}${PATH}${r.body.uuid}/`,
      title: 'Storage',
      description: 'Disks',
      offering_count: 0,
    });
  });

  it('answers 403 to other users, then 400 naming title for staff without one', async () => {
    expect((await s.request('POST', PATH, { token: user.token, body: { title: 'X' } })).status).toBe(403);
    for (const body of [{}, { title: 5 }, { title: '  ' }]) {
      const r = await s.request<Problem>('POST', PATH, { token: staff.token, body });
      expect(r.status).toBe(400);
      expect(pointers(r.body)).toEqual(['/body/title']);
    }
  });

  it('lists and retrieves categories for any signed-in user, counting orderable offerings, filtered by title', async () => {
    const c = await makeCategory(s.tdb.db, 'Compute zone');
    const org = await makeCustomer(s.tdb.db);
    await makeOffering(s.tdb.db, org.id, { categoryId: c.id });
    await makeOffering(s.tdb.db, org.id, { categoryId: c.id, state: 'Draft' });
    const list = await s.request<Category[]>('GET', `${PATH}?title=compute`, { token: user.token });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-result-count')).toBe('1');
    expect(list.body).toEqual([expect.objectContaining({ uuid: hex(c.uuid), offering_count: 1 })]);
    const one = await s.request<Category>('GET', `${PATH}${c.uuid}/`, { token: user.token });
    expect(one.body).toEqual(list.body[0]);
  });

  it('answers 404 for an unknown category and 401 without a token', async () => {
    const missing = `${PATH}00000000-0000-4000-8000-000000000000/`;
    expect((await s.request('GET', missing, { token: user.token })).status).toBe(404);
    expect((await s.request('GET', PATH)).status).toBe(401);
  });
});
