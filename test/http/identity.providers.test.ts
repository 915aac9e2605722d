import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  grant,
  makeCustomer,
  makeProject,
  makeServiceProvider,
  makeUser,
  type TestUser,
} from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface Provider {
  url: string;
  uuid: string;
  customer: string;
  customer_uuid: string;
  customer_name: string;
  customer_slug: string;
  description: string;
  enable_notifications: boolean;
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
const PATH = '/api/marketplace-service-providers/';

let s: TestServer;
let staff: TestUser;
let ownerA: TestUser;
let managerA: TestUser;
let adminA: TestUser;
let outsider: TestUser;
let orgA: Row;
let orgB: Row;
let listed: { org: Row; provider: { uuid: string } };
const link = (org: Row) => `${s.url}/api/customers/${hex(org.uuid)}/`;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  orgA = await makeCustomer(db, { name: 'Provider A' });
  orgB = await makeCustomer(db, { name: 'Provider B' });
  const projectA = await makeProject(db, orgA.id);
  [ownerA, managerA, adminA, outsider] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await grant(db, ownerA.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgA.id });
  await grant(db, managerA.id, 'CUSTOMER.MANAGER', { type: 'customer', id: orgA.id });
  await grant(db, adminA.id, 'PROJECT.ADMIN', { type: 'project', id: projectA.id });
  const org = await makeCustomer(db, { name: 'Listed Provider' });
  listed = { org, provider: await makeServiceProvider(db, org.id) };
});
afterAll(() => s.close());

describe('POST /api/marketplace-service-providers/', () => {
  it("registers the owner's organization: 201 with uuid, customer_uuid and hyperlinks", async () => {
    const r = await s.request<Provider>('POST', PATH, {
      token: ownerA.token,
      body: { customer: link(orgA), description: 'HPC centre', enable_notifications: false },
    });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body.url).toBe(`${s.url}${PATH}${r.body.uuid}/`);
    expect(r.body).toMatchObject({
      customer: link(orgA),
      customer_uuid: hex(orgA.uuid),
      customer_name: 'Provider A',
      description: 'HPC centre',
      enable_notifications: false,
    });
    const customer = await s.request<{ is_service_provider: boolean }>(
      'GET',
      `/api/customers/${orgA.uuid}/`,
      { token: ownerA.token },
    );
    expect(customer.body.is_service_provider).toBe(true);
  });

  it('lets staff register any organization, given a dashed uuid in the hyperlink, with defaults', async () => {
    const r = await s.request<Provider>('POST', PATH, {
      token: staff.token,
      body: { customer: `http://elsewhere.example/api/customers/${orgB.uuid}/` },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      customer_uuid: hex(orgB.uuid),
      description: '',
      enable_notifications: true,
    });
  });

  it('rejects a second registration of the same organization with 400 naming customer', async () => {
    const r = await s.request<Problem>('POST', PATH, { token: staff.token, body: { customer: link(orgA) } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('service_provider.exists');
    expect(pointers(r.body)).toEqual(['/body/customer']);
  });

  it('rejects a blocked organization with 400', async () => {
    const org = await makeCustomer(s.tdb.db, { blocked: true });
    const r = await s.request<Problem>('POST', PATH, { token: staff.token, body: { customer: link(org) } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('customer.blocked');
  });

  it('rejects a body without customer with 400 naming it', async () => {
    const r = await s.request<Problem>('POST', PATH, { token: staff.token, body: { description: 'x' } });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/customer']);
  });

  it.each([
    { field: 'customer', value: 5 },
    { field: 'customer', value: 'https://h/api/projects/00000000000040008000000000000000/' },
    { field: 'description', value: 5 },
    { field: 'enable_notifications', value: 'yes' },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const org = await makeCustomer(s.tdb.db);
    const r = await s.request<Problem>('POST', PATH, {
      token: staff.token,
      body: { customer: link(org), [field]: value },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('answers 403 to a service provider manager and a project admin, who are not owners', async () => {
    const org = await makeCustomer(s.tdb.db);
    const project = await makeProject(s.tdb.db, org.id);
    const [manager, admin] = [await makeUser(s.tdb.db), await makeUser(s.tdb.db)];
    await grant(s.tdb.db, manager.id, 'CUSTOMER.MANAGER', { type: 'customer', id: org.id });
    await grant(s.tdb.db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    for (const u of [manager, admin]) {
      const r = await s.request<Problem>('POST', PATH, { token: u.token, body: { customer: link(org) } });
      expect(r.status).toBe(403);
    }
  });

  it('rejects an organization the caller cannot see with 400 naming customer (a hyperlink, not the path)', async () => {
    const org = await makeCustomer(s.tdb.db);
    const r = await s.request<Problem>('POST', PATH, {
      token: outsider.token,
      body: { customer: link(org) },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/customer']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('POST', PATH, { body: { customer: link(orgA) } })).status).toBe(401);
  });
});

describe('GET /api/marketplace-service-providers/', () => {
  it('lists providers to any signed-in user as a bare array with the count', async () => {
    const r = await s.request<Provider[]>('GET', `${PATH}?page_size=100`, { token: outsider.token });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    expect(r.body.map((p) => p.uuid)).toContain(hex(listed.provider.uuid));
    expect(r.headers.get('x-result-count')).toBe(String(r.body.length));
    for (const p of r.body) expect(p.customer_uuid).toMatch(HEX32);
  });

  it('filters by customer_uuid given dashed or hex', async () => {
    for (const id of [listed.org.uuid, hex(listed.org.uuid)]) {
      const r = await s.request<Provider[]>('GET', `${PATH}?customer_uuid=${id}`, { token: managerA.token });
      expect(r.body.map((p) => p.uuid)).toEqual([hex(listed.provider.uuid)]);
    }
  });

  it('rejects a malformed customer_uuid with 400 naming the query parameter', async () => {
    const r = await s.request<Problem>('GET', `${PATH}?customer_uuid=zz`, { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/query/customer_uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', PATH)).status).toBe(401);
  });
});

describe('GET /api/marketplace-service-providers/{uuid}/', () => {
  it('returns the provider for the dashed and hex uuid', async () => {
    for (const id of [listed.provider.uuid, hex(listed.provider.uuid)]) {
      const r = await s.request<Provider>('GET', `${PATH}${id}/`, { token: adminA.token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ uuid: hex(listed.provider.uuid), customer_uuid: hex(listed.org.uuid) });
    }
  });

  it('answers 404 for an unknown uuid and 400 naming the path parameter for a malformed one', async () => {
    expect(
      (await s.request('GET', `${PATH}00000000-0000-4000-8000-000000000000/`, { token: staff.token })).status,
    ).toBe(404);
    const bad = await s.request<Problem>('GET', `${PATH}nope/`, { token: staff.token });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', `${PATH}${listed.provider.uuid}/`)).status).toBe(401);
  });
});
