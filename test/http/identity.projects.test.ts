import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface Project {
  url: string;
  uuid: string;
  name: string;
  slug: string;
  description: string;
  customer: string;
  customer_uuid: string;
  customer_name: string;
  start_date: string | null;
  end_date: string | null;
  backend_id: string;
  created: string;
}
interface Row {
  id: number;
  uuid: string;
  name: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const uuids = (list: Project[]) => list.map((p) => p.uuid).sort();

let s: TestServer;
let staff: TestUser;
let support: TestUser;
let ownerA: TestUser;
let adminA: TestUser;
let memberA: TestUser;
let ownerB: TestUser;
let orgA: Row;
let orgB: Row;
let projectA: Row;
let otherA: Row;
let projectB: Row;
const link = (org: Row) => `${s.url}/api/customers/${hex(org.uuid)}/`;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  support = await makeUser(db, { support: true });
  orgA = await makeCustomer(db, { name: 'Org A' });
  orgB = await makeCustomer(db, { name: 'Org B' });
  projectA = await makeProject(db, orgA.id, { name: 'Apollo' });
  otherA = await makeProject(db, orgA.id, { name: 'Artemis' });
  projectB = await makeProject(db, orgB.id, { name: 'Borealis' });
  [ownerA, adminA, memberA, ownerB] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await grant(db, ownerA.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgA.id });
  await grant(db, adminA.id, 'PROJECT.ADMIN', { type: 'project', id: projectA.id });
  await grant(db, memberA.id, 'PROJECT.MEMBER', { type: 'project', id: projectA.id });
  await grant(db, ownerB.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgB.id });
});
afterAll(() => s.close());

describe('POST /api/projects/', () => {
  it('lets the owner create a project and answers 201 with the contract fields', async () => {
    const r = await s.request<Project>('POST', '/api/projects/', {
      token: ownerA.token,
      body: { name: 'Gemini', customer: link(orgA), description: 'Two seats' },
    });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body.url).toBe(`${s.url}/api/projects/${r.body.uuid}/`);
    expect(r.body).toMatchObject({
      name: 'Gemini',
      slug: 'gemini',
      description: 'Two seats',
      customer: link(orgA),
    });
    expect(r.body).toMatchObject({
      customer_uuid: hex(orgA.uuid),
      customer_name: 'Org A',
      start_date: null,
      end_date: null,
    });
  });

  it('accepts a customer hyperlink with a dashed uuid and another host', async () => {
    const r = await s.request<Project>('POST', '/api/projects/', {
      token: staff.token,
      body: { name: 'Mercury', customer: `https://waldur.example/api/customers/${orgB.uuid}/` },
    });
    expect(r.status).toBe(201);
    expect(r.body.customer_uuid).toBe(hex(orgB.uuid));
  });

  it('stores start_date and end_date and returns them unchanged', async () => {
    const body = { name: 'Dated', customer: link(orgA), start_date: '2030-01-15', end_date: '2030-12-31' };
    const r = await s.request<Project>('POST', '/api/projects/', { token: ownerA.token, body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ start_date: '2030-01-15', end_date: '2030-12-31' });
    const again = await s.request<Project>('GET', `/api/projects/${r.body.uuid}/`, { token: ownerA.token });
    expect(again.body).toMatchObject({ start_date: '2030-01-15', end_date: '2030-12-31' });
  });

  it('rejects an end_date before the start_date with 400 naming end_date', async () => {
    const body = {
      name: 'Backwards',
      customer: link(orgA),
      start_date: '2030-06-01',
      end_date: '2030-05-31',
    };
    const r = await s.request<Problem>('POST', '/api/projects/', { token: ownerA.token, body });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/end_date']);
  });

  it.each([
    { field: 'name', body: { customer: 'x' } },
    { field: 'customer', body: { name: 'No customer' } },
  ])('rejects a body without $field with 400 naming it', async ({ field, body }) => {
    const r = await s.request<Problem>('POST', '/api/projects/', { token: ownerA.token, body });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it.each([
    { field: 'name', value: 5 },
    { field: 'customer', value: 5 },
    { field: 'customer', value: 'not a link' },
    { field: 'customer', value: 'http://h/api/projects/00000000000040008000000000000000/' },
    { field: 'description', value: 5 },
    { field: 'start_date', value: 'tomorrow' },
    { field: 'end_date', value: 20300101 },
    { field: 'slug', value: 'Bad Slug' },
    { field: 'backend_id', value: 1 },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const body = { name: 'Typed', customer: `${s.url}/api/customers/${hex(orgA.uuid)}/`, [field]: value };
    const r = await s.request<Problem>('POST', '/api/projects/', { token: ownerA.token, body });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it("rejects another organization's customer link with 400 naming customer", async () => {
    const r = await s.request<Problem>('POST', '/api/projects/', {
      token: ownerA.token,
      body: { name: 'X', customer: link(orgB) },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/customer']);
  });

  it('rejects a project in a blocked or archived organization with 400', async () => {
    for (const opts of [{ blocked: true }, { archived: true }]) {
      const org = await makeCustomer(s.tdb.db, opts);
      const owner = await makeUser(s.tdb.db);
      await grant(s.tdb.db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
      const r = await s.request<Problem>('POST', '/api/projects/', {
        token: owner.token,
        body: { name: 'P', customer: link(org) },
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(opts.blocked ? 'customer.blocked' : 'customer.archived');
      const viaStaff = await s.request('POST', '/api/projects/', {
        token: staff.token,
        body: { name: 'P', customer: link(org) },
      });
      expect(viaStaff.status).toBe(400);
    }
  });

  it('answers 403 to a project admin and to global support of the organization', async () => {
    for (const u of [adminA, support]) {
      const r = await s.request('POST', '/api/projects/', {
        token: u.token,
        body: { name: 'Nope', customer: link(orgA) },
      });
      expect(r.status).toBe(403);
    }
  });

  it('answers 401 without a token', async () => {
    expect(
      (await s.request('POST', '/api/projects/', { body: { name: 'A', customer: link(orgA) } })).status,
    ).toBe(401);
  });
});

describe('GET /api/projects/', () => {
  it('shows the owner every project of the organization and a project admin only their project', async () => {
    const owner = await s.request<Project[]>('GET', `/api/projects/?customer=${orgA.uuid}&page_size=100`, {
      token: ownerA.token,
    });
    expect(owner.status).toBe(200);
    expect(uuids(owner.body)).toEqual(expect.arrayContaining([hex(projectA.uuid), hex(otherA.uuid)]));
    expect(owner.body.every((p) => p.customer_uuid === hex(orgA.uuid))).toBe(true);
    const admin = await s.request<Project[]>('GET', '/api/projects/', { token: adminA.token });
    expect(uuids(admin.body)).toEqual([hex(projectA.uuid)]);
    const b = await s.request<Project[]>('GET', '/api/projects/?name=Apollo', { token: ownerB.token });
    expect(b.body).toEqual([]);
  });

  it('filters by customer (dashed, hex, repeated) and by name', async () => {
    const both = await s.request<Project[]>(
      'GET',
      `/api/projects/?customer=${orgA.uuid}&customer=${hex(orgB.uuid)}&name=or`,
      {
        token: staff.token,
      },
    );
    expect(uuids(both.body)).toEqual([hex(projectB.uuid)]);
    const byName = await s.request<Project[]>('GET', '/api/projects/?name=apol', { token: staff.token });
    expect(uuids(byName.body)).toEqual([hex(projectA.uuid)]);
  });

  it('rejects a malformed customer filter with 400 naming the query parameter', async () => {
    const r = await s.request<Problem>('GET', '/api/projects/?customer=nope', { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)[0]).toMatch(/^\/query\/customer/);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', '/api/projects/')).status).toBe(401);
  });
});

describe('GET /api/projects/{uuid}/', () => {
  it('returns the project for the dashed and hex uuid', async () => {
    for (const id of [projectA.uuid, hex(projectA.uuid)]) {
      const r = await s.request<Project>('GET', `/api/projects/${id}/`, { token: memberA.token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ uuid: hex(projectA.uuid), name: 'Apollo', customer: link(orgA) });
    }
  });

  it("answers 404 for another organization's project", async () => {
    expect((await s.request('GET', `/api/projects/${projectB.uuid}/`, { token: ownerA.token })).status).toBe(
      404,
    );
    expect((await s.request('GET', `/api/projects/${otherA.uuid}/`, { token: adminA.token })).status).toBe(
      404,
    );
  });

  it('rejects a malformed uuid with 400 naming the path parameter', async () => {
    const r = await s.request<Problem>('GET', '/api/projects/abc-def/', { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/params/uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', `/api/projects/${projectA.uuid}/`)).status).toBe(401);
  });
});

describe('PATCH and PUT /api/projects/{uuid}/', () => {
  it('lets a project admin edit the description and the dates', async () => {
    const r = await s.request<Project>('PATCH', `/api/projects/${projectA.uuid}/`, {
      token: adminA.token,
      body: { description: 'Moonshot', start_date: '2031-01-01', end_date: '2031-06-30' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      description: 'Moonshot',
      start_date: '2031-01-01',
      end_date: '2031-06-30',
    });
    const cleared = await s.request<Project>('PUT', `/api/projects/${hex(projectA.uuid)}/`, {
      token: ownerA.token,
      body: { end_date: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ start_date: '2031-01-01', end_date: null });
  });

  it('rejects an end_date before the stored start_date with 400 naming end_date', async () => {
    const r = await s.request<Problem>('PATCH', `/api/projects/${projectA.uuid}/`, {
      token: adminA.token,
      body: { end_date: '2030-12-31' },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/end_date']);
  });

  it.each([
    { field: 'start_date', value: '31.12.2031' },
    { field: 'name', value: 5 },
    { field: 'description', value: [] },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const r = await s.request<Problem>('PATCH', `/api/projects/${projectA.uuid}/`, {
      token: adminA.token,
      body: { [field]: value },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('answers 403 to a project member, even with an invalid body', async () => {
    expect(
      (
        await s.request('PATCH', `/api/projects/${projectA.uuid}/`, {
          token: memberA.token,
          body: { name: 'M' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.request('PATCH', `/api/projects/${projectA.uuid}/`, {
          token: memberA.token,
          body: { name: 5 },
        })
      ).status,
    ).toBe(403);
  });

  it("answers 404 for another organization's project", async () => {
    expect(
      (
        await s.request('PATCH', `/api/projects/${projectB.uuid}/`, {
          token: ownerA.token,
          body: { name: 'X' },
        })
      ).status,
    ).toBe(404);
  });

  it('answers 401 without a token', async () => {
    expect(
      (await s.request('PATCH', `/api/projects/${projectA.uuid}/`, { body: { name: 'X' } })).status,
    ).toBe(401);
  });
});

describe('DELETE /api/projects/{uuid}/', () => {
  it('soft-deletes: 204, then 404 and gone from the list, but the row stays with removed_at set', async () => {
    const p = await makeProject(s.tdb.db, orgA.id, { name: 'Doomed' });
    const admin = await makeUser(s.tdb.db);
    await grant(s.tdb.db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: p.id });
    const r = await s.request('DELETE', `/api/projects/${hex(p.uuid)}/`, { token: ownerA.token });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect((await s.request('GET', `/api/projects/${p.uuid}/`, { token: ownerA.token })).status).toBe(404);
    expect((await s.request('GET', `/api/projects/${p.uuid}/`, { token: staff.token })).status).toBe(404);
    const list = await s.request<Project[]>('GET', '/api/projects/?name=Doomed', { token: staff.token });
    expect(list.body).toEqual([]);
    const row = await s.tdb.db
      .selectFrom('projects')
      .select(['removed_at', 'name'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Doomed');
    expect(row.removed_at).toBeInstanceOf(Date);
    const mine = await s.request<Project[]>('GET', '/api/projects/', { token: admin.token });
    expect(mine.body).toEqual([]);
    expect((await s.request('DELETE', `/api/projects/${p.uuid}/`, { token: ownerA.token })).status).toBe(404);
  });

  it('answers 403 to a project admin, who may edit but not delete', async () => {
    expect(
      (await s.request('DELETE', `/api/projects/${projectA.uuid}/`, { token: adminA.token })).status,
    ).toBe(403);
  });

  it("answers 404 for another organization's project", async () => {
    expect(
      (await s.request('DELETE', `/api/projects/${projectB.uuid}/`, { token: ownerA.token })).status,
    ).toBe(404);
  });

  it('rejects a malformed uuid with 400 and answers 401 without a token', async () => {
    const bad = await s.request<Problem>('DELETE', '/api/projects/123/', { token: ownerA.token });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
    expect((await s.request('DELETE', `/api/projects/${projectA.uuid}/`)).status).toBe(401);
  });
});
