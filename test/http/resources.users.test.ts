import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as migrate0015 } from '../../src/platform/db/migrations/0015_resource_users.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;

const P = '/api/marketplace-provider-resources';
const R = '/api/marketplace-resources';
const ROLE = 'RESOURCE.MEMBER';
type Body = Record<string, unknown> & { errors?: { pointer: string; detail: string }[] };
const call = (method: string, path: string, user: TestUser | undefined, body?: unknown) =>
  s.request<Body>(method, path, { token: user?.token, body });
const pointers = (b: Body) => (b.errors ?? []).map((e) => e.pointer);
const future = () => new Date(Date.now() + 86_400_000 * 30).toISOString();

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

describe('resource users (Waldur UserRoleMixin on marketplace resources)', () => {
  it('add, list (with count and HEAD), update and delete on the consumer path', async () => {
    const r = await makeResource(s.tdb.db, m);
    const u = await makeUser(s.tdb.db);
    const add = await call('POST', `${R}/${r.hex}/add_user/`, m.owner, { role: ROLE, user: u.uuid });
    expect(add.status, add.text).toBe(201);
    expect(add.body).toEqual({ expiration_time: null });

    const list = await call('GET', `${R}/${r.hex}/list_users/`, m.owner);
    expect(list.status, list.text).toBe(200);
    expect(list.headers.get('x-result-count')).toBe('1');
    expect(list.body).toEqual([
      expect.objectContaining({
        role_name: ROLE,
        user_uuid: u.uuid.replace(/-/g, ''),
        expiration_time: null,
      }),
    ]);
    const head = await call('HEAD', `${R}/${r.hex}/list_users/`, m.owner);
    expect(head.status).toBe(200);
    expect(head.headers.get('x-result-count')).toBe('1');

    const when = future();
    const upd = await call('POST', `${R}/${r.hex}/update_user/`, m.owner, {
      role: ROLE,
      user: u.uuid,
      expiration_time: when,
    });
    expect(upd.status, upd.text).toBe(200);
    expect(upd.body).toEqual({ expiration_time: new Date(when).toISOString() });

    const del = await call('POST', `${R}/${r.hex}/delete_user/`, m.owner, { role: ROLE, user: u.uuid });
    expect(del.status, del.text).toBe(200);
    const after = await call('GET', `${P}/${r.hex}/list_users/`, m.providerOwner);
    expect(after.body).toEqual([]);
    expect(after.headers.get('x-result-count')).toBe('0');
  });

  it('the added user then sees the resource in the consumer view, and no longer after removal', async () => {
    const r = await makeResource(s.tdb.db, m);
    const u = await makeUser(s.tdb.db);
    expect((await call('GET', `${R}/${r.hex}/`, u)).status).toBe(404);
    await call('POST', `${R}/${r.hex}/add_user/`, m.staff, { role: ROLE, user: u.uuid });
    const seen = await call('GET', `${R}/${r.hex}/`, u);
    expect(seen.status, seen.text).toBe(200);
    const me = await call('GET', '/api/users/me/', u);
    expect(me.status, me.text).toBe(200);
    expect(me.body.permissions).toEqual([
      expect.objectContaining({ role_name: ROLE, scope_type: 'resource', scope_uuid: r.hex }),
    ]);
    // A resource member may list the resource's users but not manage them.
    expect((await call('GET', `${R}/${r.hex}/list_users/`, u)).status).toBe(200);
    const other = await makeUser(s.tdb.db);
    expect((await call('POST', `${R}/${r.hex}/add_user/`, u, { role: ROLE, user: other.uuid })).status).toBe(
      403,
    );
    await call('POST', `${R}/${r.hex}/delete_user/`, m.staff, { role: ROLE, user: u.uuid });
    expect((await call('GET', `${R}/${r.hex}/`, u)).status).toBe(404);
  });

  it('role matrix on both paths', async () => {
    const r = await makeResource(s.tdb.db, m);
    const cases = [
      ['staff', R, 201],
      ['owner', R, 201],
      ['projectManager', R, 201],
      ['projectAdmin', R, 201],
      ['projectMember', R, 403],
      ['staff', P, 201],
      ['providerOwner', P, 201],
      ['offeringManager', P, 201],
      ['customerManager', P, 201],
      ['providerOwner', R, 404],
      ['owner', P, 404],
      ['outsider', R, 404],
      ['outsider', P, 404],
    ] as const;
    for (const [who, base, status] of cases) {
      const u = await makeUser(s.tdb.db);
      const res = await call('POST', `${base}/${r.hex}/add_user/`, m[who], { role: ROLE, user: u.uuid });
      expect(res.status, `${who} ${base} ${res.text}`).toBe(status);
      if (status === 201) {
        const upd = await call('POST', `${base}/${r.hex}/update_user/`, m[who], { role: ROLE, user: u.uuid });
        expect(upd.status, `${who} update`).toBe(200);
        const del = await call('POST', `${base}/${r.hex}/delete_user/`, m[who], { role: ROLE, user: u.uuid });
        expect(del.status, `${who} delete`).toBe(200);
      }
    }
    for (const op of ['add_user', 'update_user', 'delete_user']) {
      expect((await call('POST', `${R}/${r.hex}/${op}/`, undefined, { role: ROLE })).status, op).toBe(401);
    }
    expect((await call('GET', `${R}/${r.hex}/list_users/`, undefined)).status).toBe(401);
    expect((await call('GET', `${P}/${r.hex}/list_users/`, m.outsider)).status).toBe(404);
  });

  it('bad input is a 400 naming the field', async () => {
    const r = await makeResource(s.tdb.db, m);
    const u = await makeUser(s.tdb.db);
    const url = `${R}/${r.hex}/add_user/`;
    const cases: [unknown, string][] = [
      [{ role: 'NO.SUCH_ROLE', user: u.uuid }, '/body/role'],
      [{ role: 'PROJECT.ADMIN', user: u.uuid }, '/body/role'],
      [{ role: ROLE, user: '00000000-0000-4000-8000-000000000000' }, '/body/user'],
      [{ role: ROLE, user: 'not-a-uuid' }, '/body/user'],
      [{ user: u.uuid }, '/body/role'],
      [{ role: ROLE }, '/body/user'],
      [{ role: ROLE, user: u.uuid, expiration_time: '2001-01-01T00:00:00Z' }, '/body/expiration_time'],
    ];
    for (const [body, pointer] of cases) {
      const res = await call('POST', url, m.owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(pointers(res.body), JSON.stringify(body)).toContain(pointer);
    }
    expect((await call('POST', url, m.owner, { role: ROLE, user: u.uuid })).status).toBe(201);
    const dup = await call('POST', url, m.owner, { role: ROLE, user: u.uuid });
    expect(dup.status).toBe(400);
    expect(pointers(dup.body)).toContain('/body/user');
    const stranger = await makeUser(s.tdb.db);
    for (const op of ['update_user', 'delete_user']) {
      const res = await call('POST', `${R}/${r.hex}/${op}/`, m.owner, { role: ROLE, user: stranger.uuid });
      expect(res.status, op).toBe(400);
      expect(pointers(res.body), op).toContain('/body/user');
    }
  });
});

describe('migration 0015 on a running installation', () => {
  const managerPermissions = () =>
    s.tdb.db
      .selectFrom('role_permissions as rp')
      .innerJoin('roles as r', 'r.id', 'rp.role_id')
      .select('rp.permission')
      .where('r.name', '=', 'CUSTOMER.MANAGER')
      .execute()
      .then((rows) => rows.map((x) => x.permission));

  it('gives CUSTOMER.MANAGER RESOURCE.SET_END_DATE again and keeps resource scopes allowed', async () => {
    await s.tdb.db
      .deleteFrom('role_permissions')
      .where('permission', '=', 'RESOURCE.SET_END_DATE')
      .where('role_id', 'in', (eb) =>
        eb.selectFrom('roles').select('id').where('name', '=', 'CUSTOMER.MANAGER'),
      )
      .execute();
    expect(await managerPermissions()).not.toContain('RESOURCE.SET_END_DATE');
    await migrate0015(s.tdb.db as unknown as Kysely<unknown>);
    expect(await managerPermissions()).toContain('RESOURCE.SET_END_DATE');
    const r = await makeResource(s.tdb.db, m);
    const u = await makeUser(s.tdb.db);
    const add = await call('POST', `${R}/${r.hex}/add_user/`, m.staff, { role: ROLE, user: u.uuid });
    expect(add.status, add.text).toBe(201);
  });
});
