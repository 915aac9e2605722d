import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface RoleDetails {
  uuid: string;
  created: string;
  expiration_time: string | null;
  role_name: string;
  role_uuid: string;
  user_uuid: string;
  user_username: string;
  user_full_name: string;
  user_email: string;
}
interface Row {
  id: number;
  uuid: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const FUTURE = '2999-01-01T00:00:00.000Z';
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];

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

const post = (token: string, org: Row, action: string, body: unknown) =>
  s.request<Problem & { expiration_time: string | null; detail: string }>(
    'POST',
    `/api/customers/${org.uuid}/${action}/`,
    {
      token,
      body,
    },
  );
const sees = async (u: TestUser, org: Row) =>
  (await s.request('GET', `/api/customers/${org.uuid}/`, { token: u.token })).status;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  support = await makeUser(db, { support: true });
  orgA = await makeCustomer(db);
  orgB = await makeCustomer(db);
  projectA = await makeProject(db, orgA.id);
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

describe('POST /api/customers/{uuid}/add_user/', () => {
  it('lets staff make an owner: 201 with expiration_time null, and the grant gives access', async () => {
    const u = await makeUser(s.tdb.db);
    expect(await sees(u, orgA)).toBe(404);
    const r = await post(staff.token, orgA, 'add_user', { role: 'CUSTOMER.OWNER', user: u.uuid });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ expiration_time: null });
    expect(await sees(u, orgA)).toBe(200);
    const created = await s.request('POST', '/api/projects/', {
      token: u.token,
      body: { name: 'By new owner', customer: `${s.url}/api/customers/${hex(orgA.uuid)}/` },
    });
    expect(created.status).toBe(201);
  });

  it('lets the owner grant a manager by dashed or hex user uuid, echoing a future expiration_time', async () => {
    const [u1, u2] = [await makeUser(s.tdb.db), await makeUser(s.tdb.db)];
    const dashed = await post(ownerA.token, orgA, 'add_user', {
      role: 'CUSTOMER.MANAGER',
      user: u1.uuid,
      expiration_time: FUTURE,
    });
    expect(dashed.status).toBe(201);
    expect(dashed.body).toEqual({ expiration_time: FUTURE });
    const hexed = await s.request('POST', `/api/customers/${hex(orgA.uuid)}/add_user/`, {
      token: ownerA.token,
      body: { role: 'CUSTOMER.MANAGER', user: hex(u2.uuid).toUpperCase(), expiration_time: null },
    });
    expect(hexed.status).toBe(201);
    expect(await sees(u2, orgA)).toBe(200);
  });

  it('rejects a duplicate grant with 400 naming user', async () => {
    const u = await makeUser(s.tdb.db);
    expect(
      (await post(ownerA.token, orgA, 'add_user', { role: 'CUSTOMER.MANAGER', user: u.uuid })).status,
    ).toBe(201);
    const again = await post(ownerA.token, orgA, 'add_user', { role: 'CUSTOMER.MANAGER', user: hex(u.uuid) });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('role.duplicate_grant');
    expect(pointers(again.body)).toEqual(['/body/user']);
  });

  it('rejects an expiration_time in the past with 400 naming it', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await post(ownerA.token, orgA, 'add_user', {
      role: 'CUSTOMER.MANAGER',
      user: u.uuid,
      expiration_time: '2000-01-01T00:00:00+00:00',
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/expiration_time']);
  });

  it.each([
    { field: 'role', body: { user: '00000000-0000-4000-8000-000000000000' } },
    { field: 'user', body: { role: 'CUSTOMER.MANAGER' } },
  ])('rejects a body without $field with 400 naming it', async ({ field, body }) => {
    const r = await post(ownerA.token, orgA, 'add_user', body);
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it.each([
    { field: 'role', value: 5 },
    { field: 'role', value: 'NO.SUCH_ROLE' },
    { field: 'role', value: 'PROJECT.ADMIN' },
    { field: 'user', value: 5 },
    { field: 'user', value: 'not-a-uuid' },
    { field: 'user', value: '00000000-0000-4000-8000-000000000000' },
    { field: 'expiration_time', value: 'tomorrow' },
    { field: 'expiration_time', value: 12 },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const u = await makeUser(s.tdb.db);
    const r = await post(ownerA.token, orgA, 'add_user', {
      role: 'CUSTOMER.MANAGER',
      user: u.uuid,
      [field]: value,
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('answers 403 when an owner tries to make another owner (staff only)', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await post(ownerA.token, orgA, 'add_user', { role: 'CUSTOMER.OWNER', user: u.uuid });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('role.staff_only');
  });

  it('answers 403 when a project admin, a project member or global support grants organization roles', async () => {
    const u = await makeUser(s.tdb.db);
    for (const actor of [adminA, memberA, support]) {
      for (const role of ['CUSTOMER.OWNER', 'CUSTOMER.MANAGER']) {
        expect((await post(actor.token, orgA, 'add_user', { role, user: u.uuid })).status).toBe(403);
      }
      expect((await post(actor.token, orgA, 'add_user', { role: 5 })).status).toBe(403);
    }
  });

  it("answers 404 for another organization's customer, even with an invalid body", async () => {
    const u = await makeUser(s.tdb.db);
    expect(
      (await post(ownerA.token, orgB, 'add_user', { role: 'CUSTOMER.MANAGER', user: u.uuid })).status,
    ).toBe(404);
    expect((await post(ownerA.token, orgB, 'add_user', {})).status).toBe(404);
    expect((await post(adminA.token, orgB, 'add_user', {})).status).toBe(404);
  });

  it('answers 401 without a token and 400 naming the path parameter for a malformed uuid', async () => {
    expect((await s.request('POST', `/api/customers/${orgA.uuid}/add_user/`, { body: {} })).status).toBe(401);
    const bad = await s.request<Problem>('POST', '/api/customers/xyz/add_user/', {
      token: staff.token,
      body: {},
    });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
  });
});

describe('POST /api/customers/{uuid}/delete_user/', () => {
  it('revokes a grant: 200, and the user no longer sees the organization nor appears in list_users', async () => {
    const u = await makeUser(s.tdb.db);
    await post(ownerA.token, orgA, 'add_user', { role: 'CUSTOMER.MANAGER', user: u.uuid });
    expect(await sees(u, orgA)).toBe(200);
    const r = await post(ownerA.token, orgA, 'delete_user', { role: 'CUSTOMER.MANAGER', user: hex(u.uuid) });
    expect(r.status).toBe(200);
    expect(typeof r.body.detail).toBe('string');
    expect(await sees(u, orgA)).toBe(404);
    const list = await s.request<RoleDetails[]>(
      'GET',
      `/api/customers/${orgA.uuid}/list_users/?user=${u.uuid}`,
      { token: ownerA.token },
    );
    expect(list.body).toEqual([]);
    const row = await s.tdb.db
      .selectFrom('user_roles')
      .select('is_active')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.is_active).toBe(false);
  });

  it('rejects revoking a role the user does not hold with 400 naming user', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await post(ownerA.token, orgA, 'delete_user', { role: 'CUSTOMER.MANAGER', user: u.uuid });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/user']);
  });

  it.each([
    { label: 'without role', field: 'role', body: { user: '00000000-0000-4000-8000-000000000000' } },
    { label: 'without user', field: 'user', body: { role: 'CUSTOMER.MANAGER' } },
    {
      label: 'with a list as role',
      field: 'role',
      body: { role: [], user: '00000000-0000-4000-8000-000000000000' },
    },
    { label: 'with a malformed user uuid', field: 'user', body: { role: 'CUSTOMER.MANAGER', user: 'abc' } },
  ])('rejects a body $label with 400 naming the field', async ({ field, body }) => {
    const r = await post(ownerA.token, orgA, 'delete_user', body);
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('answers 403 to a project admin and 404 for another organization', async () => {
    expect(
      (await post(adminA.token, orgA, 'delete_user', { role: 'CUSTOMER.OWNER', user: ownerA.uuid })).status,
    ).toBe(403);
    expect(
      (await post(ownerA.token, orgB, 'delete_user', { role: 'CUSTOMER.OWNER', user: ownerB.uuid })).status,
    ).toBe(404);
    expect(await sees(ownerB, orgB)).toBe(200);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('POST', `/api/customers/${orgA.uuid}/delete_user/`, { body: {} })).status).toBe(
      401,
    );
  });
});

describe('GET /api/customers/{uuid}/list_users/', () => {
  it('lists the live grants with UserRoleDetails fields', async () => {
    const r = await s.request<RoleDetails[]>('GET', `/api/customers/${hex(orgB.uuid)}/list_users/`, {
      token: ownerB.token,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-result-count')).toBe('1');
    const [g] = r.body;
    expect(g).toMatchObject({
      expiration_time: null,
      role_name: 'CUSTOMER.OWNER',
      user_uuid: hex(ownerB.uuid),
      user_username: ownerB.username,
      user_full_name: `Test ${ownerB.username}`,
      user_email: `${ownerB.username}@test.example`,
    });
    expect(g?.uuid).toMatch(HEX32);
    expect(g?.role_uuid).toMatch(HEX32);
    expect(Number.isNaN(Date.parse(g?.created ?? ''))).toBe(false);
  });

  it('filters by role (repeatable) and by user (dashed or hex)', async () => {
    const u = await makeUser(s.tdb.db);
    await post(staff.token, orgB, 'add_user', {
      role: 'CUSTOMER.MANAGER',
      user: u.uuid,
      expiration_time: FUTURE,
    });
    const path = `/api/customers/${orgB.uuid}/list_users/`;
    const managers = await s.request<RoleDetails[]>('GET', `${path}?role=CUSTOMER.MANAGER`, {
      token: ownerB.token,
    });
    expect(managers.body.map((g) => [g.user_username, g.expiration_time])).toEqual([[u.username, FUTURE]]);
    const both = await s.request<RoleDetails[]>('GET', `${path}?role=CUSTOMER.MANAGER&role=CUSTOMER.OWNER`, {
      token: ownerB.token,
    });
    expect(both.body).toHaveLength(2);
    for (const id of [ownerB.uuid, hex(ownerB.uuid)]) {
      const one = await s.request<RoleDetails[]>('GET', `${path}?user=${id}`, { token: ownerB.token });
      expect(one.body.map((g) => g.role_name)).toEqual(['CUSTOMER.OWNER']);
    }
  });

  it("answers 404 for another organization's customer", async () => {
    expect(
      (await s.request('GET', `/api/customers/${orgB.uuid}/list_users/`, { token: ownerA.token })).status,
    ).toBe(404);
    expect(
      (await s.request('GET', `/api/customers/${orgB.uuid}/list_users/`, { token: adminA.token })).status,
    ).toBe(404);
  });

  it('rejects a malformed user filter and a malformed path uuid with 400 naming them', async () => {
    const q = await s.request<Problem>('GET', `/api/customers/${orgA.uuid}/list_users/?user=1`, {
      token: staff.token,
    });
    expect(q.status).toBe(400);
    expect(pointers(q.body)).toEqual(['/query/user']);
    const p = await s.request<Problem>('GET', '/api/customers/1/list_users/', { token: staff.token });
    expect(pointers(p.body)).toEqual(['/params/uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', `/api/customers/${orgA.uuid}/list_users/`)).status).toBe(401);
  });
});

describe('expired grants', () => {
  const expire = (userId: number) =>
    s.tdb.pool.query(
      `UPDATE user_roles SET expiration_time = now() - interval '1 minute' WHERE user_id = $1`,
      [userId],
    );

  it('give no access once their expiration_time has passed', async () => {
    const u = await makeUser(s.tdb.db);
    await post(staff.token, orgA, 'add_user', {
      role: 'CUSTOMER.OWNER',
      user: u.uuid,
      expiration_time: FUTURE,
    });
    expect(await sees(u, orgA)).toBe(200);
    await expire(u.id);
    expect(await sees(u, orgA)).toBe(404);
    const list = await s.request<unknown[]>('GET', '/api/customers/', { token: u.token });
    expect(list.body).toEqual([]);
    const project = await s.request<Problem>('POST', '/api/projects/', {
      token: u.token,
      body: { name: 'Too late', customer: `${s.url}/api/customers/${hex(orgA.uuid)}/` },
    });
    expect(project.status).toBe(400);
    expect(pointers(project.body)).toEqual(['/body/customer']);
    const grants = await s.request<RoleDetails[]>(
      'GET',
      `/api/customers/${orgA.uuid}/list_users/?user=${u.uuid}`,
      {
        token: staff.token,
      },
    );
    expect(grants.body).toEqual([]);
  });

  it('do not block granting the same role again', async () => {
    const u = await makeUser(s.tdb.db);
    await post(ownerA.token, orgA, 'add_user', {
      role: 'CUSTOMER.MANAGER',
      user: u.uuid,
      expiration_time: FUTURE,
    });
    await expire(u.id);
    const again = await post(ownerA.token, orgA, 'add_user', { role: 'CUSTOMER.MANAGER', user: u.uuid });
    expect(again.status).toBe(201);
    expect(await sees(u, orgA)).toBe(200);
  });
});
