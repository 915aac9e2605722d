import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  hex,
  makeProviderCast,
  type Problem,
  type ProviderCast,
  pointers,
} from '../support/provider-cast.js';

interface Group {
  uuid: string;
  url: string;
  name: string;
  parent: string | null;
  parent_uuid?: string;
  parent_name?: string;
  customers_count: number;
}

let s: TestServer;
let c: ProviderCast;
let outsider: TestUser;
let orgQUuid: string;

const groupsUrl = '/api/organization-groups/';

async function makeGroup(name: string, parent?: Group): Promise<Group> {
  const r = await s.request<Group>('POST', groupsUrl, {
    token: c.staff.token,
    body: { name, ...(parent ? { parent: parent.url } : {}) },
  });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  s = await startTestServer();
  c = await makeProviderCast(s.tdb.db);
  outsider = await makeUser(s.tdb.db);
  orgQUuid = (
    await s.tdb.db
      .selectFrom('customers')
      .select('uuid')
      .where('id', '=', c.orgQ.id)
      .executeTakeFirstOrThrow()
  ).uuid;
  await grant(s.tdb.db, outsider.id, 'CUSTOMER.OWNER', {
    type: 'customer',
    id: (await makeCustomer(s.tdb.db)).id,
  });
});
afterAll(() => s.close());

describe('organization groups CRUD', () => {
  it('staff create, rename, move and delete; everyone signed in reads', async () => {
    const root = await makeGroup('Universities');
    const child = await makeGroup('Tartu', root);
    expect(child).toMatchObject({
      name: 'Tartu',
      parent: root.url,
      parent_uuid: root.uuid,
      parent_name: 'Universities',
      customers_count: 0,
    });
    expect(root.parent).toBeNull();
    expect(root).not.toHaveProperty('parent_uuid');

    const list = await s.request<Group[]>('GET', `${groupsUrl}?parent=${root.uuid}`, {
      token: c.ownerQ.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.map((g) => g.name)).toEqual(['Tartu']);
    const byName = await s.request<Group[]>('GET', `${groupsUrl}?name_exact=Universities`, {
      token: c.admin.token,
    });
    expect(byName.body.map((g) => g.uuid)).toEqual([root.uuid]);
    expect((await s.request('GET', `${groupsUrl}${child.uuid}/`, { token: outsider.token })).status).toBe(
      200,
    );

    const patched = await s.request<Group>('PATCH', `${groupsUrl}${child.uuid}/`, {
      token: c.staff.token,
      body: { name: 'Tartu Ülikool', parent: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Tartu Ülikool', parent: null });
    const put = await s.request<Group>('PUT', `${groupsUrl}${child.uuid}/`, {
      token: c.staff.token,
      body: { name: 'Tartu', parent: root.url },
    });
    expect(put.body.parent).toBe(root.url);

    expect((await s.request('DELETE', `${groupsUrl}${root.uuid}/`, { token: c.staff.token })).status).toBe(
      204,
    );
    // Waldur deletes the subgroups with their parent.
    expect((await s.request('GET', `${groupsUrl}${child.uuid}/`, { token: c.staff.token })).status).toBe(404);
  });

  it('writes by anyone but staff: 403 (Waldur IsAdminOrReadOnly); unknown group: 404', async () => {
    const g = await makeGroup('Staff only');
    for (const u of [c.owner, c.ownerQ, c.admin, outsider]) {
      expect((await s.request('POST', groupsUrl, { token: u.token, body: { name: 'x' } })).status).toBe(403);
      const patch = await s.request('PATCH', `${groupsUrl}${g.uuid}/`, {
        token: u.token,
        body: { name: 'x' },
      });
      expect(patch.status).toBe(403);
      expect((await s.request('DELETE', `${groupsUrl}${g.uuid}/`, { token: u.token })).status).toBe(403);
    }
    expect((await s.request('GET', `${groupsUrl}${'0'.repeat(32)}/`, { token: c.staff.token })).status).toBe(
      404,
    );
    expect((await s.request('GET', groupsUrl)).status).toBe(401);
  });

  it('bad input: 400 naming the field; a parent may not close a cycle', async () => {
    const a = await makeGroup('A');
    const b = await makeGroup('B', a);
    const cases: [string, string, unknown, string][] = [
      ['POST', groupsUrl, {}, '/body/name'],
      ['POST', groupsUrl, { name: '' }, '/body/name'],
      [
        'POST',
        groupsUrl,
        { name: 'x', parent: `${s.url}/api/organization-groups/${'0'.repeat(32)}/` },
        '/body/parent',
      ],
      ['POST', groupsUrl, { name: 'x', parent: 'not a link' }, '/body/parent'],
      ['PATCH', `${groupsUrl}${a.uuid}/`, { parent: b.url }, '/body/parent'],
      ['PATCH', `${groupsUrl}${a.uuid}/`, { parent: a.url }, '/body/parent'],
    ];
    for (const [method, path, body, pointer] of cases) {
      const r = await s.request<Problem>(method, path, { token: c.staff.token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(pointers(r.body)).toContain(pointer);
    }
    const bad = await s.request<Problem>('GET', `${groupsUrl}?parent=nope`, { token: c.staff.token });
    expect(bad.status).toBe(400);
    expect((await s.request('GET', `${groupsUrl}?o=-customers_count`, { token: c.staff.token })).status).toBe(
      200,
    );
  });
});

describe('organization membership', () => {
  it('staff set an organization groups; it shows them; others: 403, invisible: 404', async () => {
    const g = await makeGroup('Members');
    const path = `/api/customers/${hex(orgQUuid)}/update_organization_groups/`;
    const body = { organization_groups: [g.url] };
    expect((await s.request('POST', path, { token: c.ownerQ.token, body })).status).toBe(403);
    expect((await s.request('POST', path, { token: outsider.token, body })).status).toBe(404);
    expect((await s.request('POST', path, { token: c.staff.token, body })).status).toBe(200);
    const customer = await s.request<{ organization_groups: Group[] }>(
      'GET',
      `/api/customers/${hex(orgQUuid)}/`,
      {
        token: c.ownerQ.token,
      },
    );
    expect(customer.body.organization_groups.map((x) => x.uuid)).toEqual([g.uuid]);
    expect(customer.body.organization_groups[0]?.customers_count).toBe(1);
    const filtered = await s.request<{ uuid: string }[]>(
      'GET',
      `/api/customers/?organization_group_uuid=${g.uuid}`,
      {
        token: c.staff.token,
      },
    );
    expect(filtered.body.map((x) => x.uuid)).toEqual([hex(orgQUuid)]);
    const bad = await s.request<Problem>('POST', path, {
      token: c.staff.token,
      body: { organization_groups: [`${s.url}/api/organization-groups/${'1'.repeat(32)}/`] },
    });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toContain('/body/organization_groups');
    expect(
      (await s.request('POST', path, { token: c.staff.token, body: { organization_groups: [] } })).status,
    ).toBe(200);
  });
});
