import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}
interface User {
  url: string;
  uuid: string;
  username: string;
  full_name: string;
  first_name: string;
  last_name: string;
  email: string;
  job_title: string;
  is_staff: boolean;
  is_support: boolean;
  is_active: boolean;
  token_lifetime: number | null;
  date_joined: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const usernames = (users: User[]) => users.map((u) => u.username);

let s: TestServer;
let staff: TestUser;
let ownerA: TestUser;
let adminA: TestUser;
let ownerB: TestUser;
let orgA: { id: number; uuid: string };
let projectA: { id: number; uuid: string };

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  orgA = await makeCustomer(db);
  const orgB = await makeCustomer(db);
  projectA = await makeProject(db, orgA.id);
  ownerA = await makeUser(db);
  adminA = await makeUser(db);
  ownerB = await makeUser(db);
  await grant(db, ownerA.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgA.id });
  await grant(db, adminA.id, 'PROJECT.ADMIN', { type: 'project', id: projectA.id });
  await grant(db, ownerB.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgB.id });
});
afterAll(() => s.close());

describe('POST /api/users/', () => {
  it('creates a user as staff and answers 201 with a hex uuid, the username and a hyperlink', async () => {
    const body = {
      username: 'new.user@example',
      email: 'new.user@example.org',
      first_name: 'Ada',
      last_name: 'Lovelace',
      organization: 'Analytical Engines',
      job_title: 'Programmer',
      is_staff: false,
      is_support: false,
      is_active: true,
      agree_with_policy: true,
    };
    const r = await s.request<User>('POST', '/api/users/', { token: staff.token, body });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body.url).toBe(`${s.url}/api/users/${r.body.uuid}/`);
    expect(r.body).toMatchObject({ username: body.username, email: body.email, full_name: 'Ada Lovelace' });
    expect(r.body).toMatchObject({
      is_staff: false,
      is_active: true,
      token_lifetime: null,
      job_title: 'Programmer',
    });
    expect(Number.isNaN(Date.parse(r.body.date_joined))).toBe(false);
    const again = await s.request<User>('GET', new URL(r.body.url).pathname, { token: staff.token });
    expect(again.status).toBe(200);
    expect(again.body.username).toBe(body.username);
  });

  it('creates a user with only the required fields and empty defaults', async () => {
    const r = await s.request<User>('POST', '/api/users/', {
      token: staff.token,
      body: { username: 'minimal-user', email: 'minimal@example.org' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      first_name: '',
      last_name: '',
      full_name: '',
      is_staff: false,
      is_active: true,
    });
  });

  it.each([
    { field: 'username', body: { email: 'a@example.org' } },
    { field: 'email', body: { username: 'no-email' } },
  ])('rejects a body without $field with 400 naming it', async ({ field, body }) => {
    const r = await s.request<Problem>('POST', '/api/users/', { token: staff.token, body });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it.each([
    { field: 'username', value: 42 },
    { field: 'username', value: 'has spaces' },
    { field: 'email', value: 42 },
    { field: 'email', value: 'not-an-email' },
    { field: 'first_name', value: 1 },
    { field: 'last_name', value: true },
    { field: 'organization', value: 5 },
    { field: 'job_title', value: [] },
    { field: 'is_staff', value: 'yes' },
    { field: 'is_support', value: 1 },
    { field: 'is_active', value: 'true' },
    { field: 'token_lifetime', value: 'long' },
    { field: 'token_lifetime', value: 0 },
    { field: 'agree_with_policy', value: 'yes' },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const body = { username: `typed-${field}`, email: `typed-${field}@example.org`, [field]: value };
    const r = await s.request<Problem>('POST', '/api/users/', { token: staff.token, body });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('rejects a username that is already taken with 400 naming username', async () => {
    const r = await s.request<Problem>('POST', '/api/users/', {
      token: staff.token,
      body: { username: ownerA.username, email: 'dup@example.org' },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/username']);
  });

  it('answers 403 to a non-staff user, before looking at the body', async () => {
    const ok = await s.request<Problem>('POST', '/api/users/', {
      token: ownerA.token,
      body: { username: 'by-owner', email: 'by-owner@example.org' },
    });
    expect(ok.status).toBe(403);
    const invalid = await s.request<Problem>('POST', '/api/users/', {
      token: ownerA.token,
      body: { username: 1 },
    });
    expect(invalid.status).toBe(403);
  });

  it('answers 401 without a token, also when the body is invalid', async () => {
    expect(
      (await s.request('POST', '/api/users/', { body: { username: 'x', email: 'x@example.org' } })).status,
    ).toBe(401);
    expect((await s.request('POST', '/api/users/', { body: { username: 1 } })).status).toBe(401);
    const malformed = await s.request('POST', '/api/users/', {
      rawBody: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(401);
  });
});

describe('GET /api/users/', () => {
  it('shows staff every user as a bare array with the count header', async () => {
    const r = await s.request<User[]>('GET', '/api/users/?page_size=300', { token: staff.token });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    expect(usernames(r.body)).toEqual(
      expect.arrayContaining([ownerA.username, adminA.username, ownerB.username]),
    );
    expect(Number(r.headers.get('x-result-count'))).toBe(r.body.length);
    for (const u of r.body) expect(u.uuid).toMatch(HEX32);
  });

  it('shows a non-staff user themself and the people of their organization only', async () => {
    const r = await s.request<User[]>('GET', '/api/users/', { token: ownerA.token });
    expect(r.status).toBe(200);
    expect(usernames(r.body).sort()).toEqual([adminA.username, ownerA.username].sort());
  });

  it('filters by username, is_staff and is_active', async () => {
    const byName = await s.request<User[]>('GET', `/api/users/?username=${ownerB.username}`, {
      token: staff.token,
    });
    expect(usernames(byName.body)).toEqual([ownerB.username]);
    const staffOnly = await s.request<User[]>('GET', '/api/users/?is_staff=true', { token: staff.token });
    expect(staffOnly.body.every((u) => u.is_staff)).toBe(true);
    expect(usernames(staffOnly.body)).toContain(staff.username);
    const inactive = await makeUser(s.tdb.db, { active: false });
    const r = await s.request<User[]>('GET', '/api/users/?is_active=false', { token: staff.token });
    expect(usernames(r.body)).toEqual([inactive.username]);
  });

  it('filters by customer_uuid and project_uuid given dashed or hex', async () => {
    for (const id of [orgA.uuid, hex(orgA.uuid)]) {
      const r = await s.request<User[]>('GET', `/api/users/?customer_uuid=${id}`, { token: staff.token });
      expect(usernames(r.body)).toEqual([ownerA.username]);
    }
    for (const id of [projectA.uuid, hex(projectA.uuid).toUpperCase()]) {
      const r = await s.request<User[]>('GET', `/api/users/?project_uuid=${id}`, { token: staff.token });
      expect(usernames(r.body)).toEqual([adminA.username]);
    }
  });

  it('rejects a malformed customer_uuid filter with 400 naming the query parameter', async () => {
    const r = await s.request<Problem>('GET', '/api/users/?customer_uuid=not-a-uuid', { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/query/customer_uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', '/api/users/')).status).toBe(401);
  });
});

describe('GET /api/users/{uuid}/', () => {
  it('returns the same user for the dashed, hex and upper-case forms of the uuid', async () => {
    for (const id of [ownerA.uuid, hex(ownerA.uuid), ownerA.uuid.toUpperCase()]) {
      const r = await s.request<User>('GET', `/api/users/${id}/`, { token: staff.token });
      expect(r.status).toBe(200);
      expect(r.body.uuid).toBe(hex(ownerA.uuid));
      expect(r.body.url).toBe(`${s.url}/api/users/${hex(ownerA.uuid)}/`);
    }
  });

  it('lets a user see a colleague of their organization', async () => {
    const r = await s.request<User>('GET', `/api/users/${adminA.uuid}/`, { token: ownerA.token });
    expect(r.status).toBe(200);
    expect(r.body.username).toBe(adminA.username);
  });

  it('answers 404 for a user of another organization and for an unknown uuid', async () => {
    expect((await s.request('GET', `/api/users/${ownerB.uuid}/`, { token: ownerA.token })).status).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await s.request('GET', `/api/users/${unknown}/`, { token: staff.token })).status).toBe(404);
  });

  it('rejects a malformed uuid with 400 naming the path parameter', async () => {
    const r = await s.request<Problem>('GET', '/api/users/12345/', { token: staff.token });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/params/uuid']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', `/api/users/${ownerA.uuid}/`)).status).toBe(401);
  });
});

describe('PATCH and PUT /api/users/{uuid}/', () => {
  it('lets a user edit their own profile fields', async () => {
    const me = await makeUser(s.tdb.db);
    const r = await s.request<User>('PATCH', `/api/users/${hex(me.uuid)}/`, {
      token: me.token,
      body: { first_name: 'Grace', last_name: 'Hopper', job_title: 'Admiral' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ full_name: 'Grace Hopper', job_title: 'Admiral', username: me.username });
    const put = await s.request<User>('PUT', `/api/users/${me.uuid}/`, {
      token: me.token,
      body: { job_title: 'Rear Admiral' },
    });
    expect(put.status).toBe(200);
    expect(put.body.job_title).toBe('Rear Admiral');
  });

  it('answers 403 when a user tries to make themself staff', async () => {
    const me = await makeUser(s.tdb.db);
    const r = await s.request<Problem>('PATCH', `/api/users/${me.uuid}/`, {
      token: me.token,
      body: { is_staff: true },
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('staff_only_field');
  });

  it("answers 403 when a user edits a colleague's profile, even with an invalid body", async () => {
    const ok = await s.request('PATCH', `/api/users/${adminA.uuid}/`, {
      token: ownerA.token,
      body: { first_name: 'X' },
    });
    expect(ok.status).toBe(403);
    const invalid = await s.request('PATCH', `/api/users/${adminA.uuid}/`, {
      token: ownerA.token,
      body: { email: 5 },
    });
    expect(invalid.status).toBe(403);
  });

  it('answers 404 when a user edits someone of another organization', async () => {
    const r = await s.request('PATCH', `/api/users/${ownerB.uuid}/`, {
      token: ownerA.token,
      body: { first_name: 'X' },
    });
    expect(r.status).toBe(404);
  });

  it('lets staff deactivate a user, whose token then stops working', async () => {
    const victim = await makeUser(s.tdb.db);
    const r = await s.request<User>('PATCH', `/api/users/${victim.uuid}/`, {
      token: staff.token,
      body: { is_active: false },
    });
    expect(r.status).toBe(200);
    expect(r.body.is_active).toBe(false);
    expect((await s.request('GET', '/api/users/me/', { token: victim.token })).status).toBe(401);
  });

  it.each([
    { field: 'email', value: 'nope' },
    { field: 'first_name', value: 5 },
    { field: 'is_staff', value: 'x' },
    { field: 'token_lifetime', value: -5 },
  ])('rejects $field = $value with 400 naming the field', async ({ field, value }) => {
    const r = await s.request<Problem>('PATCH', `/api/users/${ownerA.uuid}/`, {
      token: staff.token,
      body: { [field]: value },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([`/body/${field}`]);
  });

  it('answers 401 without a token, also for a malformed uuid', async () => {
    expect(
      (await s.request('PATCH', `/api/users/${ownerA.uuid}/`, { body: { first_name: 'X' } })).status,
    ).toBe(401);
    expect((await s.request('PATCH', '/api/users/zzz/', { body: { first_name: 'X' } })).status).toBe(401);
  });
});
