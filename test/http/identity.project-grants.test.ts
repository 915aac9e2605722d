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
  expiration_time: string | null;
  role_name: string;
  user_uuid: string;
  user_username: string;
}
interface Row {
  id: number;
  uuid: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const FUTURE = '2999-06-30T12:00:00.000Z';
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];

let s: TestServer;
let staff: TestUser;
let ownerA: TestUser;
let adminA: TestUser;
let managerA: TestUser;
let memberA: TestUser;
let ownerB: TestUser;
let projectA: Row;
let projectB: Row;

const post = (token: string, project: Row, action: string, body: unknown) =>
  s.request<Problem & { expiration_time: string | null }>(
    'POST',
    `/api/projects/${project.uuid}/${action}/`,
    { token, body },
  );
const sees = async (u: TestUser, p: Row) =>
  (await s.request('GET', `/api/projects/${p.uuid}/`, { token: u.token })).status;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  const orgA = await makeCustomer(db);
  const orgB = await makeCustomer(db);
  projectA = await makeProject(db, orgA.id);
  projectB = await makeProject(db, orgB.id);
  [ownerA, adminA, managerA, memberA, ownerB] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await grant(db, ownerA.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgA.id });
  await grant(db, adminA.id, 'PROJECT.ADMIN', { type: 'project', id: projectA.id });
  await grant(db, managerA.id, 'PROJECT.MANAGER', { type: 'project', id: projectA.id });
  await grant(db, memberA.id, 'PROJECT.MEMBER', { type: 'project', id: projectA.id });
  await grant(db, ownerB.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgB.id });
});
afterAll(() => s.close());

describe('POST /api/projects/{uuid}/add_user/', () => {
  it('lets the owner appoint a project manager: 201 with expiration_time, and the grant gives access', async () => {
    const u = await makeUser(s.tdb.db);
    expect(await sees(u, projectA)).toBe(404);
    const r = await post(ownerA.token, projectA, 'add_user', {
      role: 'PROJECT.MANAGER',
      user: u.uuid,
      expiration_time: FUTURE,
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ expiration_time: FUTURE });
    expect(await sees(u, projectA)).toBe(200);
  });

  it('lets a project admin add another admin by hex uuid on a hex path', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await s.request('POST', `/api/projects/${hex(projectA.uuid)}/add_user/`, {
      token: adminA.token,
      body: { role: 'PROJECT.ADMIN', user: hex(u.uuid) },
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ expiration_time: null });
    expect(await sees(u, projectA)).toBe(200);
  });

  it('answers 403 when a project admin appoints a project manager', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await post(adminA.token, projectA, 'add_user', { role: 'PROJECT.MANAGER', user: u.uuid });
    expect(r.status).toBe(403);
    expect(await sees(u, projectA)).toBe(404);
  });

  it('answers 403 when a project member grants any project role, even with an invalid body', async () => {
    const u = await makeUser(s.tdb.db);
    for (const role of ['PROJECT.ADMIN', 'PROJECT.MANAGER', 'PROJECT.MEMBER']) {
      expect((await post(memberA.token, projectA, 'add_user', { role, user: u.uuid })).status).toBe(403);
    }
    expect((await post(memberA.token, projectA, 'add_user', { role: 1 })).status).toBe(403);
  });

  it('refuses the inactive PROJECT.MEMBER role to non-staff with 400 naming role, but lets staff grant it', async () => {
    const u = await makeUser(s.tdb.db);
    const denied = await post(adminA.token, projectA, 'add_user', { role: 'PROJECT.MEMBER', user: u.uuid });
    expect(denied.status).toBe(400);
    expect(pointers(denied.body)).toEqual(['/body/role']);
    expect(
      (await post(staff.token, projectA, 'add_user', { role: 'PROJECT.MEMBER', user: u.uuid })).status,
    ).toBe(201);
  });

  it('rejects a duplicate grant and a past expiration_time with 400 naming the field', async () => {
    const dup = await post(ownerA.token, projectA, 'add_user', { role: 'PROJECT.ADMIN', user: adminA.uuid });
    expect(dup.status).toBe(400);
    expect(pointers(dup.body)).toEqual(['/body/user']);
    const u = await makeUser(s.tdb.db);
    const past = await post(ownerA.token, projectA, 'add_user', {
      role: 'PROJECT.ADMIN',
      user: u.uuid,
      expiration_time: '2001-09-09T01:46:40Z',
    });
    expect(past.status).toBe(400);
    expect(pointers(past.body)).toEqual(['/body/expiration_time']);
  });

  it.each([
    { label: 'without role', field: 'role', body: (u: string) => ({ user: u }) },
    { label: 'without user', field: 'user', body: () => ({ role: 'PROJECT.ADMIN' }) },
    { label: 'with a number as role', field: 'role', body: (u: string) => ({ role: 7, user: u }) },
    { label: 'with a null user', field: 'user', body: () => ({ role: 'PROJECT.ADMIN', user: null }) },
    { label: 'with a number as user', field: 'user', body: () => ({ role: 'PROJECT.ADMIN', user: 7 }) },
    {
      label: 'with a malformed user uuid',
      field: 'user',
      body: () => ({ role: 'PROJECT.ADMIN', user: '1234-5678' }),
    },
    {
      label: 'with a date-only expiration_time',
      field: 'expiration_time',
      body: (u: string) => ({ role: 'PROJECT.ADMIN', user: u, expiration_time: '2999-01-01' }),
    },
    {
      label: 'with a boolean expiration_time',
      field: 'expiration_time',
      body: (u: string) => ({ role: 'PROJECT.ADMIN', user: u, expiration_time: true }),
    },
  ])('rejects a body $label with 400 naming the field', async ({ field, body }) => {
    const u = await makeUser(s.tdb.db);
    const r = await post(ownerA.token, projectA, 'add_user', body(u.uuid));
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('rejects an organization role on a project with 400 naming role', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await post(staff.token, projectA, 'add_user', { role: 'CUSTOMER.OWNER', user: u.uuid });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/role']);
  });

  it("answers 404 for another organization's project, even with an invalid body", async () => {
    const u = await makeUser(s.tdb.db);
    expect(
      (await post(ownerA.token, projectB, 'add_user', { role: 'PROJECT.ADMIN', user: u.uuid })).status,
    ).toBe(404);
    expect((await post(adminA.token, projectB, 'add_user', {})).status).toBe(404);
  });

  it('answers 401 without a token and 400 naming the path parameter for a malformed uuid', async () => {
    expect((await s.request('POST', `/api/projects/${projectA.uuid}/add_user/`, { body: {} })).status).toBe(
      401,
    );
    const bad = await s.request<Problem>('POST', '/api/projects/p-1/add_user/', {
      token: staff.token,
      body: {},
    });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
  });
});

describe('POST /api/projects/{uuid}/delete_user/', () => {
  it('revokes a grant: 200, and the project is then invisible to the former admin', async () => {
    const u = await makeUser(s.tdb.db);
    await post(adminA.token, projectA, 'add_user', { role: 'PROJECT.ADMIN', user: u.uuid });
    expect(await sees(u, projectA)).toBe(200);
    const r = await post(adminA.token, projectA, 'delete_user', { role: 'PROJECT.ADMIN', user: u.uuid });
    expect(r.status).toBe(200);
    expect(await sees(u, projectA)).toBe(404);
    const again = await post(adminA.token, projectA, 'delete_user', { role: 'PROJECT.ADMIN', user: u.uuid });
    expect(again.status).toBe(400);
    expect(pointers(again.body)).toEqual(['/body/user']);
  });

  it('answers 403 when a project admin removes a project manager', async () => {
    const r = await post(adminA.token, projectA, 'delete_user', {
      role: 'PROJECT.MANAGER',
      user: managerA.uuid,
    });
    expect(r.status).toBe(403);
    expect(await sees(managerA, projectA)).toBe(200);
  });

  it.each([
    { label: 'without role', field: 'role', body: { user: '00000000-0000-4000-8000-000000000000' } },
    { label: 'without user', field: 'user', body: { role: 'PROJECT.ADMIN' } },
    { label: 'with a malformed user', field: 'user', body: { role: 'PROJECT.ADMIN', user: false } },
  ])('rejects a body $label with 400 naming the field', async ({ field, body }) => {
    const r = await post(ownerA.token, projectA, 'delete_user', body);
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('answers 403 to a project member, 404 for another organization and 401 without a token', async () => {
    expect(
      (await post(memberA.token, projectA, 'delete_user', { role: 'PROJECT.ADMIN', user: adminA.uuid }))
        .status,
    ).toBe(403);
    expect(
      (await post(ownerA.token, projectB, 'delete_user', { role: 'PROJECT.ADMIN', user: adminA.uuid }))
        .status,
    ).toBe(404);
    expect(
      (await s.request('POST', `/api/projects/${projectA.uuid}/delete_user/`, { body: {} })).status,
    ).toBe(401);
  });
});

describe('GET /api/projects/{uuid}/list_users/', () => {
  it('lists the live grants of the project with role and user details', async () => {
    const r = await s.request<RoleDetails[]>(
      'GET',
      `/api/projects/${projectA.uuid}/list_users/?role=PROJECT.MANAGER`,
      {
        token: adminA.token,
      },
    );
    expect(r.status).toBe(200);
    const mine = r.body.find((g) => g.user_uuid === hex(managerA.uuid));
    expect(mine).toMatchObject({
      role_name: 'PROJECT.MANAGER',
      user_username: managerA.username,
      expiration_time: null,
    });
    expect(mine?.uuid).toMatch(HEX32);
    expect(r.body.every((g) => g.role_name === 'PROJECT.MANAGER')).toBe(true);
    expect(r.headers.get('x-result-count')).toBe(String(r.body.length));
  });

  it('hides expired grants, which also give no access', async () => {
    const u = await makeUser(s.tdb.db);
    await post(ownerA.token, projectA, 'add_user', {
      role: 'PROJECT.ADMIN',
      user: u.uuid,
      expiration_time: FUTURE,
    });
    await s.tdb.pool.query(
      `UPDATE user_roles SET expiration_time = now() - interval '1 second' WHERE user_id = $1`,
      [u.id],
    );
    expect(await sees(u, projectA)).toBe(404);
    const listed = await s.request<RoleDetails[]>(
      'GET',
      `/api/projects/${projectA.uuid}/list_users/?user=${hex(u.uuid)}`,
      {
        token: ownerA.token,
      },
    );
    expect(listed.body).toEqual([]);
    const patch = await s.request('PATCH', `/api/projects/${projectA.uuid}/`, {
      token: u.token,
      body: { name: 'x' },
    });
    expect(patch.status).toBe(404);
  });

  it("answers 404 for another organization's project and 401 without a token", async () => {
    expect(
      (await s.request('GET', `/api/projects/${projectB.uuid}/list_users/`, { token: ownerA.token })).status,
    ).toBe(404);
    expect(
      (await s.request('GET', `/api/projects/${projectB.uuid}/list_users/`, { token: ownerB.token })).status,
    ).toBe(200);
    expect((await s.request('GET', `/api/projects/${projectA.uuid}/list_users/`)).status).toBe(401);
  });
});
