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
interface Customer {
  url: string;
  uuid: string;
  name: string;
  slug: string;
  abbreviation: string;
  native_name: string;
  email: string;
  backend_id: string;
  blocked: boolean;
  archived: boolean;
  is_service_provider: boolean;
  created: string;
}
interface Org {
  id: number;
  uuid: string;
  name: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const uuids = (list: Customer[]) => list.map((c) => c.uuid).sort();

let s: TestServer;
let staff: TestUser;
let support: TestUser;
let ownerA: TestUser;
let managerA: TestUser;
let adminA: TestUser;
let ownerB: TestUser;
let orgA: Org;
let orgB: Org;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  support = await makeUser(db, { support: true });
  orgA = await makeCustomer(db, { name: 'Alpha Research' });
  orgB = await makeCustomer(db, { name: 'Beta Systems' });
  const projectA = await makeProject(db, orgA.id);
  [ownerA, managerA, adminA, ownerB] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await grant(db, ownerA.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgA.id });
  await grant(db, managerA.id, 'CUSTOMER.MANAGER', { type: 'customer', id: orgA.id });
  await grant(db, adminA.id, 'PROJECT.ADMIN', { type: 'project', id: projectA.id });
  await grant(db, ownerB.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgB.id });
});
afterAll(() => s.close());

describe('POST /api/customers/', () => {
  it('creates an organization as staff and answers 201 with uuid, url, name and a slug', async () => {
    const r = await s.request<Customer>('POST', '/api/customers/', {
      token: staff.token,
      body: { name: 'Gamma Labs' },
    });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body.url).toBe(`${s.url}/api/customers/${r.body.uuid}/`);
    expect(r.body).toMatchObject({ name: 'Gamma Labs', slug: 'gamma-labs', blocked: false, archived: false });
    expect(r.body.is_service_provider).toBe(false);
    expect(Number.isNaN(Date.parse(r.body.created))).toBe(false);
  });

  it('stores every optional field and gives a second organization of the same name a distinct slug', async () => {
    const body = {
      name: 'Delta Org',
      abbreviation: 'DO',
      native_name: 'Delta Organisatsioon',
      email: 'office@delta.example',
      backend_id: 'ext-42',
    };
    const first = await s.request<Customer>('POST', '/api/customers/', { token: staff.token, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...body, slug: 'delta-org' });
    const second = await s.request<Customer>('POST', '/api/customers/', {
      token: staff.token,
      body: { name: 'Delta Org' },
    });
    expect(second.status).toBe(201);
    expect(second.body.slug).toBe('delta-org-2');
    const given = await s.request<Customer>('POST', '/api/customers/', {
      token: staff.token,
      body: { name: 'Epsilon', slug: 'eps-1', blocked: true, archived: false },
    });
    expect(given.body).toMatchObject({ slug: 'eps-1', blocked: true });
  });

  it('rejects a body without name with 400 naming it', async () => {
    const r = await s.request<Problem>('POST', '/api/customers/', {
      token: staff.token,
      body: { abbreviation: 'X' },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/name']);
  });

  it.each([
    { field: 'name', value: 5 },
    { field: 'name', value: '   ' },
    { field: 'slug', value: 'Not A Slug' },
    { field: 'abbreviation', value: 5 },
    { field: 'native_name', value: false },
    { field: 'email', value: 'not-an-email' },
    { field: 'backend_id', value: 3 },
    { field: 'blocked', value: 'yes' },
    { field: 'archived', value: 1 },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const r = await s.request<Problem>('POST', '/api/customers/', {
      token: staff.token,
      body: { name: 'Typed Org', [field]: value },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('rejects a slug that is already taken with 400 naming slug', async () => {
    const taken = await s.request<Customer>('GET', `/api/customers/${orgA.uuid}/`, { token: staff.token });
    const r = await s.request<Problem>('POST', '/api/customers/', {
      token: staff.token,
      body: { name: 'Copy', slug: taken.body.slug },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/slug']);
  });

  it('answers 403 to an organization owner, also when the body is invalid', async () => {
    expect(
      (await s.request('POST', '/api/customers/', { token: ownerA.token, body: { name: 'Mine' } })).status,
    ).toBe(403);
    expect((await s.request('POST', '/api/customers/', { token: ownerA.token, body: {} })).status).toBe(403);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('POST', '/api/customers/', { body: { name: 'Anon' } })).status).toBe(401);
  });
});

describe('GET /api/customers/', () => {
  it('shows staff and global support every organization', async () => {
    for (const token of [staff.token, support.token]) {
      const r = await s.request<Customer[]>('GET', '/api/customers/?page_size=300', { token });
      expect(r.status).toBe(200);
      expect(uuids(r.body)).toEqual(expect.arrayContaining([hex(orgA.uuid), hex(orgB.uuid)]));
      expect(r.headers.get('x-result-count')).toBe(String(r.body.length));
    }
  });

  it('shows other users only the organizations they hold a role in or under', async () => {
    for (const u of [ownerA, managerA, adminA]) {
      const r = await s.request<Customer[]>('GET', '/api/customers/', { token: u.token });
      expect(uuids(r.body)).toEqual([hex(orgA.uuid)]);
    }
    const b = await s.request<Customer[]>('GET', '/api/customers/', { token: ownerB.token });
    expect(uuids(b.body)).toEqual([hex(orgB.uuid)]);
  });

  it('filters by name, slug, user_uuid and owned_by_current_user', async () => {
    const byName = await s.request<Customer[]>('GET', '/api/customers/?name=alpha', { token: staff.token });
    expect(uuids(byName.body)).toEqual([hex(orgA.uuid)]);
    const slug = byName.body[0]?.slug ?? '';
    const bySlug = await s.request<Customer[]>('GET', `/api/customers/?slug=${slug}`, { token: staff.token });
    expect(uuids(bySlug.body)).toEqual([hex(orgA.uuid)]);
    for (const id of [ownerB.uuid, hex(ownerB.uuid)]) {
      const byUser = await s.request<Customer[]>('GET', `/api/customers/?user_uuid=${id}`, {
        token: staff.token,
      });
      expect(uuids(byUser.body)).toEqual([hex(orgB.uuid)]);
    }
    const owned = await s.request<Customer[]>('GET', '/api/customers/?owned_by_current_user=true', {
      token: managerA.token,
    });
    expect(owned.body).toEqual([]);
    const mine = await s.request<Customer[]>('GET', '/api/customers/?owned_by_current_user=true', {
      token: ownerA.token,
    });
    expect(uuids(mine.body)).toEqual([hex(orgA.uuid)]);
  });

  it('rejects a malformed user_uuid filter with 400 naming the query parameter', async () => {
    const r = await s.request<Problem>('GET', '/api/customers/?user_uuid=xyz', { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/query/user_uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', '/api/customers/')).status).toBe(401);
  });
});

describe('GET /api/customers/{uuid}/', () => {
  it('returns the organization for the dashed, hex and upper-case uuid', async () => {
    for (const id of [orgA.uuid, hex(orgA.uuid), hex(orgA.uuid).toUpperCase()]) {
      const r = await s.request<Customer>('GET', `/api/customers/${id}/`, { token: ownerA.token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        uuid: hex(orgA.uuid),
        name: orgA.name,
        url: `${s.url}/api/customers/${hex(orgA.uuid)}/`,
      });
    }
  });

  it('reports is_service_provider once the organization is registered as a provider', async () => {
    const org = await makeCustomer(s.tdb.db);
    await makeServiceProvider(s.tdb.db, org.id);
    const r = await s.request<Customer>('GET', `/api/customers/${org.uuid}/`, { token: staff.token });
    expect(r.body.is_service_provider).toBe(true);
  });

  it('returns only the asked fields with field=', async () => {
    const r = await s.request<Record<string, unknown>>(
      'GET',
      `/api/customers/${orgA.uuid}/?field=uuid&field=name`,
      {
        token: staff.token,
      },
    );
    expect(r.body).toEqual({ uuid: hex(orgA.uuid), name: orgA.name });
  });

  it("answers 404 for another organization's customer and for an unknown uuid", async () => {
    expect((await s.request('GET', `/api/customers/${orgB.uuid}/`, { token: ownerA.token })).status).toBe(
      404,
    );
    expect((await s.request('GET', `/api/customers/${orgA.uuid}/`, { token: ownerB.token })).status).toBe(
      404,
    );
    const unknown = 'ffffffffffff4fffbfffffffffffffff';
    expect((await s.request('GET', `/api/customers/${unknown}/`, { token: staff.token })).status).toBe(404);
  });

  it('rejects a malformed uuid with 400 naming the path parameter', async () => {
    const r = await s.request<Problem>('GET', '/api/customers/not-a-uuid/', { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/params/uuid']);
  });

  it('answers 401 without a token, also for a malformed uuid', async () => {
    expect((await s.request('GET', `/api/customers/${orgA.uuid}/`)).status).toBe(401);
    expect((await s.request('GET', '/api/customers/not-a-uuid/')).status).toBe(401);
  });
});

describe('PATCH and PUT /api/customers/{uuid}/', () => {
  it('lets the owner edit the organization details', async () => {
    const r = await s.request<Customer>('PATCH', `/api/customers/${hex(orgA.uuid)}/`, {
      token: ownerA.token,
      body: { abbreviation: 'AR', email: 'hello@alpha.example' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ abbreviation: 'AR', email: 'hello@alpha.example', name: orgA.name });
  });

  it('answers 403 when the owner tries to block the organization, and lets staff do it', async () => {
    const org = await makeCustomer(s.tdb.db);
    const owner = await makeUser(s.tdb.db);
    await grant(s.tdb.db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
    const denied = await s.request<Problem>('PATCH', `/api/customers/${org.uuid}/`, {
      token: owner.token,
      body: { blocked: true },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('staff_only_field');
    const done = await s.request<Customer>('PATCH', `/api/customers/${org.uuid}/`, {
      token: staff.token,
      body: { blocked: true },
    });
    expect(done.status).toBe(200);
    expect(done.body.blocked).toBe(true);
  });

  it('answers 403 to a service provider manager and a project admin, even with an invalid body', async () => {
    for (const u of [managerA, adminA]) {
      expect(
        (await s.request('PATCH', `/api/customers/${orgA.uuid}/`, { token: u.token, body: { name: 'X' } }))
          .status,
      ).toBe(403);
      expect(
        (await s.request('PATCH', `/api/customers/${orgA.uuid}/`, { token: u.token, body: { name: 5 } }))
          .status,
      ).toBe(403);
    }
  });

  it('answers 403 to global support, who sees but may not change', async () => {
    const r = await s.request('PATCH', `/api/customers/${orgA.uuid}/`, {
      token: support.token,
      body: { name: 'X' },
    });
    expect(r.status).toBe(403);
  });

  it("answers 404 for another organization's customer, even with an invalid body", async () => {
    expect(
      (await s.request('PATCH', `/api/customers/${orgB.uuid}/`, { token: ownerA.token, body: { name: 'X' } }))
        .status,
    ).toBe(404);
    expect(
      (await s.request('PATCH', `/api/customers/${orgB.uuid}/`, { token: ownerA.token, body: { name: 5 } }))
        .status,
    ).toBe(404);
  });

  it.each([
    { field: 'name', value: '' },
    { field: 'email', value: 'bad' },
    { field: 'blocked', value: 'x' },
    { field: 'slug', value: 'UPPER' },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const r = await s.request<Problem>('PATCH', `/api/customers/${orgA.uuid}/`, {
      token: staff.token,
      body: { [field]: value },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('requires the name on PUT and replaces the details', async () => {
    const missing = await s.request<Problem>('PUT', `/api/customers/${orgB.uuid}/`, {
      token: ownerB.token,
      body: { abbreviation: 'B' },
    });
    expect(missing.status).toBe(400);
    expect(pointers(missing.body)).toEqual(['/body/name']);
    const r = await s.request<Customer>('PUT', `/api/customers/${orgB.uuid}/`, {
      token: ownerB.token,
      body: { name: 'Beta Systems Ltd', abbreviation: 'BS' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Beta Systems Ltd', abbreviation: 'BS' });
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('PATCH', `/api/customers/${orgA.uuid}/`, { body: { name: 'X' } })).status).toBe(
      401,
    );
  });
});
