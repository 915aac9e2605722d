import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface Role {
  uuid: string;
  name: string;
  description: string;
  permissions: string[];
  is_system_role: boolean;
  is_active: boolean;
  content_type: string;
}
interface Row {
  id: number;
  uuid: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];

let s: TestServer;
let staff: TestUser;
let support: TestUser;
let owner: TestUser;
let member: TestUser;
let org: Row;
let project: Row;
const roles = new Map<string, Role>();

const role = (name: string) => {
  const r = roles.get(name);
  if (!r) throw new Error(`role ${name} not listed`);
  return r;
};
const patchRole = (token: string, name: string, body: unknown) =>
  s.request<Role & Problem>('PATCH', `/api/roles/${role(name).uuid}/`, { token, body });
const createProject = (token: string) =>
  s.request('POST', '/api/projects/', {
    token,
    body: { name: 'Role test', customer: `${s.url}/api/customers/${hex(org.uuid)}/` },
  });

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  support = await makeUser(db, { support: true });
  org = await makeCustomer(db);
  project = await makeProject(db, org.id);
  [owner, member] = [await makeUser(db), await makeUser(db)];
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, member.id, 'PROJECT.MEMBER', { type: 'project', id: project.id });
  const list = await s.request<Role[]>('GET', '/api/roles/', { token: staff.token });
  for (const r of list.body) roles.set(r.name, r);
});
afterAll(() => s.close());

describe('GET /api/roles/', () => {
  it("lists Waldur's seven built-in roles and RESOURCE.MEMBER with their permissions to any signed-in user", async () => {
    const r = await s.request<Role[]>('GET', '/api/roles/', { token: member.token });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-result-count')).toBe('8');
    expect(r.body.map((x) => x.name).sort()).toEqual([
      'CUSTOMER.MANAGER',
      'CUSTOMER.OWNER',
      'CUSTOMER.SUPPORT',
      'OFFERING.MANAGER',
      'PROJECT.ADMIN',
      'PROJECT.MANAGER',
      'PROJECT.MEMBER',
      'RESOURCE.MEMBER',
    ]);
    for (const x of r.body) {
      expect(x.uuid).toMatch(HEX32);
      expect(x.is_system_role).toBe(true);
      expect(['customer', 'project', 'offering', 'resource']).toContain(x.content_type);
    }
    expect(role('CUSTOMER.OWNER').permissions).toEqual(
      expect.arrayContaining(['PROJECT.CREATE', 'ORDER.APPROVE']),
    );
    expect(role('PROJECT.ADMIN').permissions).toContain('ORDER.CREATE');
    expect(role('PROJECT.ADMIN').permissions).not.toContain('ORDER.APPROVE');
  });

  it('filters by name and by is_active (CUSTOMER.SUPPORT and PROJECT.MEMBER ship inactive)', async () => {
    const byName = await s.request<Role[]>('GET', '/api/roles/?name=PROJECT.ADMIN', { token: owner.token });
    expect(byName.body.map((x) => x.name)).toEqual(['PROJECT.ADMIN']);
    const inactive = await s.request<Role[]>('GET', '/api/roles/?is_active=false', { token: owner.token });
    expect(inactive.body.map((x) => x.name).sort()).toEqual(['CUSTOMER.SUPPORT', 'PROJECT.MEMBER']);
  });

  it('rejects a malformed is_active flag with 400 naming it, and answers 401 without a token', async () => {
    const r = await s.request<Problem>('GET', '/api/roles/?is_active=maybe', { token: owner.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/query/is_active']);
    expect((await s.request('GET', '/api/roles/')).status).toBe(401);
  });
});

describe('GET /api/roles/{uuid}/', () => {
  it('returns the role for the hex and dashed uuid', async () => {
    const h = role('PROJECT.MANAGER').uuid;
    const dashed = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    for (const id of [h, dashed]) {
      const r = await s.request<Role>('GET', `/api/roles/${id}/`, { token: member.token });
      expect(r.status).toBe(200);
      expect(r.body).toEqual(role('PROJECT.MANAGER'));
    }
  });

  it('answers 404 for an unknown uuid, 400 for a malformed one and 401 without a token', async () => {
    expect(
      (await s.request('GET', '/api/roles/00000000000040008000000000000000/', { token: staff.token })).status,
    ).toBe(404);
    const bad = await s.request<Problem>('GET', '/api/roles/PROJECT.ADMIN/', { token: staff.token });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
    expect((await s.request('GET', `/api/roles/${role('PROJECT.ADMIN').uuid}/`)).status).toBe(401);
  });
});

describe('PATCH /api/roles/{uuid}/', () => {
  it('lets staff remove PROJECT.CREATE from CUSTOMER.OWNER, after which owners get 403 creating projects', async () => {
    expect((await createProject(owner.token)).status).toBe(201);
    const without = role('CUSTOMER.OWNER').permissions.filter((p) => p !== 'PROJECT.CREATE');
    const r = await patchRole(staff.token, 'CUSTOMER.OWNER', { permissions: without });
    expect(r.status).toBe(200);
    expect(r.body.permissions).not.toContain('PROJECT.CREATE');
    expect(r.body.permissions).toHaveLength(without.length);
    expect((await createProject(owner.token)).status).toBe(403);
    expect((await createProject(staff.token)).status).toBe(201);
    const back = await patchRole(staff.token, 'CUSTOMER.OWNER', {
      permissions: role('CUSTOMER.OWNER').permissions,
    });
    expect(back.body.permissions).toEqual(role('CUSTOMER.OWNER').permissions);
    expect((await createProject(owner.token)).status).toBe(201);
  });

  it('lets staff add a permission to a role, after which its holders may use it', async () => {
    const edit = () =>
      s.request('PATCH', `/api/projects/${project.uuid}/`, {
        token: member.token,
        body: { description: 'm' },
      });
    expect((await edit()).status).toBe(403);
    const added = [...role('PROJECT.MEMBER').permissions, 'PROJECT.UPDATE'];
    expect((await patchRole(staff.token, 'PROJECT.MEMBER', { permissions: added })).status).toBe(200);
    expect((await edit()).status).toBe(200);
    await patchRole(staff.token, 'PROJECT.MEMBER', { permissions: role('PROJECT.MEMBER').permissions });
    expect((await edit()).status).toBe(403);
  });

  it('lets staff deactivate a role, which non-staff then cannot grant', async () => {
    const r = await patchRole(staff.token, 'PROJECT.ADMIN', {
      is_active: false,
      description: 'Retired for now',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ is_active: false, description: 'Retired for now' });
    const u = await makeUser(s.tdb.db);
    const denied = await s.request<Problem>('POST', `/api/projects/${project.uuid}/add_user/`, {
      token: owner.token,
      body: { role: 'PROJECT.ADMIN', user: u.uuid },
    });
    expect(denied.status).toBe(400);
    expect(pointers(denied.body)).toEqual(['/body/role']);
    await patchRole(staff.token, 'PROJECT.ADMIN', {
      is_active: true,
      description: role('PROJECT.ADMIN').description,
    });
    const allowed = await s.request('POST', `/api/projects/${project.uuid}/add_user/`, {
      token: owner.token,
      body: { role: 'PROJECT.ADMIN', user: u.uuid },
    });
    expect(allowed.status).toBe(201);
  });

  it.each([
    { label: 'a number as description', field: 'description', value: 5 },
    { label: 'a string as is_active', field: 'is_active', value: 'no' },
    { label: 'a string as permissions', field: 'permissions', value: 'ORDER.LIST' },
    { label: 'numbers in permissions', field: 'permissions', value: [5] },
    { label: 'an unknown permission', field: 'permissions', value: ['ORDER.LIST', 'NOT.A_PERMISSION'] },
  ])('rejects $label with 400 naming the field and changes nothing', async ({ field, value }) => {
    const r = await patchRole(staff.token, 'PROJECT.MANAGER', { [field]: value });
    expect(r.status).toBe(400);
    expect(pointers(r.body)[0]).toMatch(new RegExp(`^/body/${field}`));
    const after = await s.request<Role>('GET', `/api/roles/${role('PROJECT.MANAGER').uuid}/`, {
      token: staff.token,
    });
    expect(after.body).toEqual(role('PROJECT.MANAGER'));
  });

  it('answers 403 to non-staff (an owner, global support), even with an invalid body', async () => {
    for (const u of [owner, support]) {
      expect((await patchRole(u.token, 'CUSTOMER.OWNER', { permissions: [] })).status).toBe(403);
      expect((await patchRole(u.token, 'CUSTOMER.OWNER', { permissions: 'x' })).status).toBe(403);
    }
    const after = await s.request<Role>('GET', `/api/roles/${role('CUSTOMER.OWNER').uuid}/`, {
      token: staff.token,
    });
    expect(after.body.permissions).toEqual(role('CUSTOMER.OWNER').permissions);
  });

  it('answers 404 for an unknown role, 400 for a malformed uuid and 401 without a token', async () => {
    const unknown = await s.request('PATCH', '/api/roles/00000000-0000-4000-8000-000000000000/', {
      token: staff.token,
      body: {},
    });
    expect(unknown.status).toBe(404);
    const bad = await s.request<Problem>('PATCH', '/api/roles/x/', { token: staff.token, body: {} });
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
    expect((await s.request('PATCH', `/api/roles/${role('PROJECT.ADMIN').uuid}/`, { body: {} })).status).toBe(
      401,
    );
  });
});
