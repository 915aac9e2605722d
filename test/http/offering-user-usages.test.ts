import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeResource, type TestResource } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;
let r: TestResource;
let usageUuid: string;
let accounts: { uuid: string; url: string; user_uuid: string; username: string | null }[];

interface Problem {
  code: string;
  errors?: { pointer: string }[];
}
interface UserUsage {
  uuid: string;
  user: string | null;
  username: string;
  usage: string;
  component_usage: string;
  component_type: string;
  billing_period: string;
  resource_uuid: string;
}
interface Limit {
  uuid: string;
  url: string;
  user: string;
  limit: string;
  component_type: string;
  resource: string;
}

const post = <T = unknown>(path: string, token: string, body?: unknown) =>
  s.request<T>('POST', path, { token, body });
const CUU = '/api/marketplace-component-user-usages';
const LIM = '/api/component-user-usage-limits';

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
    service_provider_can_create_offering_user: true,
    username_generation_policy: 'waldur_username',
  });
  r = await makeResource(s.tdb.db, m);
  const set = await post('/api/marketplace-component-usages/set_usage/', m.offeringManager.token, {
    resource: r.uuid,
    usages: [{ type: 'cpu', amount: '10' }],
  });
  expect([200, 201], set.text).toContain(set.status);
  const usages = await s.request<{ uuid: string }[]>(
    'GET',
    `/api/marketplace-component-usages/?resource_uuid=${r.uuid}`,
    { token: m.staff.token },
  );
  usageUuid = usages.body[0]?.uuid ?? '';
  accounts = (
    await s.request<typeof accounts>(
      'GET',
      `/api/marketplace-offering-users/?offering_uuid=${m.offering.uuid}`,
      {
        token: m.staff.token,
      },
    )
  ).body;
  expect(accounts).toHaveLength(3);
});
afterAll(() => s.close());

describe('set_user_usages (the agent’s per-user report)', () => {
  it('stores one row per user, linked to the offering user, and a second report replaces the value', async () => {
    const [a, b] = accounts;
    const path = `/api/marketplace-component-usages/${usageUuid}/set_user_usages/`;
    const body = {
      usages: [
        { username: a?.username, usage: '4.50', user: a?.url, date: '2026-12-05T10:00:00Z' },
        { username: b?.username, usage: '5.5' },
        { username: 'unknown-login', usage: '0' },
      ],
    };
    const res = await post<UserUsage[]>(path, m.offeringManager.token, body);
    expect(res.status, res.text).toBe(201);
    const again = await post(path, m.providerOwner.token, {
      usages: [{ username: a?.username, usage: '6', user: a?.url }],
    });
    expect(again.status).toBe(201);
    const list = await s.request<UserUsage[]>('GET', `${CUU}/?resource_uuid=${r.uuid}`, {
      token: m.staff.token,
    });
    expect(list.status).toBe(200);
    const byName = new Map(list.body.map((u) => [u.username, u]));
    expect(list.body).toHaveLength(3);
    expect(byName.get(a?.username ?? '')).toMatchObject({ user: a?.url, component_type: 'cpu' });
    expect(Number(byName.get(a?.username ?? '')?.usage)).toBe(6);
    expect(byName.get(b?.username ?? '')?.user).toBe(b?.url);
    expect(byName.get('unknown-login')?.user).toBeNull();
    expect(byName.get('unknown-login')?.component_usage).toContain(
      `/api/marketplace-component-usages/${usageUuid}/`,
    );
  });

  it('set_user_usage reports one user', async () => {
    const c = accounts[2];
    const res = await post<UserUsage[]>(
      `/api/marketplace-component-usages/${usageUuid}/set_user_usage/`,
      m.staff.token,
      {
        username: c?.username,
        usage: 1,
      },
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body[0]).toMatchObject({ username: c?.username, user: c?.url });
  });

  it('filters the list and reads one; consumers see their resource’s rows, outsiders none', async () => {
    const period = new Date().toISOString().slice(0, 7);
    const t = m.staff.token;
    const q = (query: string, token = t) =>
      s.request<UserUsage[]>('GET', `${CUU}/?resource_uuid=${r.uuid}&${query}`, { token });
    expect((await q('username=unknown-login')).body).toHaveLength(1);
    expect((await q(`component_usage_billing_period=${period}-01`)).body).toHaveLength(4);
    expect((await q('component_usage_billing_period=2001-01-01')).body).toHaveLength(0);
    expect(
      (await q(`billing_period_year=${period.slice(0, 4)}&billing_period_month=${Number(period.slice(5))}`))
        .body,
    ).toHaveLength(4);
    expect(
      (await q('field=component_usage')).body.every((u) => Object.keys(u).join() === 'component_usage'),
    ).toBe(true);
    expect((await q('', m.projectAdmin.token)).body).toHaveLength(4);
    expect((await q('', m.outsider.token)).body).toHaveLength(0);
    const one = (await q('')).body[0];
    expect((await s.request('GET', `${CUU}/${one?.uuid}/`, { token: t })).status).toBe(200);
    expect((await s.request('GET', `${CUU}/${one?.uuid}/`, { token: m.outsider.token })).status).toBe(404);
    const bad = await s.request<Problem>('GET', `${CUU}/?billing_period_month=13`, { token: t });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.pointer).toBe('/query/billing_period_month');
  });

  it('consumers get 403, outsiders 404, and bad items a 400 naming the item; nothing is stored then', async () => {
    const path = `/api/marketplace-component-usages/${usageUuid}/set_user_usages/`;
    const ok = { usages: [{ username: 'x', usage: '1' }] };
    expect((await post(path, m.projectAdmin.token, ok)).status).toBe(403);
    expect((await post(path, m.outsider.token, ok)).status).toBe(404);
    expect(
      (
        await post(
          '/api/marketplace-component-usages/00000000000000000000000000000000/set_user_usages/',
          m.staff.token,
          ok,
        )
      ).status,
    ).toBe(404);
    const cases: [unknown, string][] = [
      [{ usages: [{ username: 'y', usage: '-1' }] }, '/body/usages/0/usage'],
      [{ usages: [{ usage: '1' }] }, '/body/usages/0/username'],
      [
        {
          usages: [
            { username: 'y', usage: '1' },
            { username: 'z', usage: '1', user: 'http://x/api/users/abc/' },
          ],
        },
        '/body/usages/1/user',
      ],
      [
        {
          usages: [
            {
              username: 'z',
              usage: '1',
              user: 'http://x/api/marketplace-offering-users/00000000000000000000000000000000/',
            },
          ],
        },
        '/body/usages/0/user',
      ],
      [{ usages: 'all' }, '/body/usages'],
    ];
    for (const [body, pointer] of cases) {
      const res = await post<Problem>(path, m.staff.token, body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    const list = await s.request<UserUsage[]>('GET', `${CUU}/?username=y`, { token: m.staff.token });
    expect(list.body).toEqual([]);
  });

  it('a terminated resource takes no reports (409)', async () => {
    await s.tdb.db.updateTable('resources').set({ state: 6 }).where('id', '=', r.id).execute();
    const res = await post<Problem>(
      `/api/marketplace-component-usages/${usageUuid}/set_user_usage/`,
      m.staff.token,
      {
        username: 'late',
        usage: '1',
      },
    );
    await s.tdb.db.updateTable('resources').set({ state: 2 }).where('id', '=', r.id).execute();
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('usage.resource_terminated');
  });
});

describe('component user usage limits', () => {
  it('CRUD by the consumer and the provider; the agent reads `user` as the username', async () => {
    const a = accounts[0];
    const component = await s.tdb.db
      .selectFrom('offering_components')
      .select('uuid')
      .where('offering_id', '=', m.offering.id)
      .executeTakeFirstOrThrow();
    const body = {
      resource: `http://x/api/marketplace-resources/${r.hex}/`,
      component: component.uuid,
      user: a?.url,
      limit: '100',
    };
    const made = await post<Limit>(`${LIM}/`, m.projectManager.token, body);
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ user: a?.username, component_type: 'cpu' });
    expect(Number(made.body.limit)).toBe(100);
    const dup = await post<Problem>(`${LIM}/`, m.offeringManager.token, { ...body, user: a?.username });
    expect(dup.status).toBe(400);
    expect(dup.body.code).toBe('user_limit.duplicate');
    const list = await s.request<Limit[]>('GET', `${LIM}/?resource_uuid=${r.hex}`, {
      token: m.offeringManager.token,
    });
    expect(list.body.map((l) => l.uuid)).toEqual([made.body.uuid]);
    expect(
      (await s.request<Limit[]>('GET', `${LIM}/?username=nobody`, { token: m.staff.token })).body,
    ).toEqual([]);
    expect((await s.request<Limit[]>('GET', `${LIM}/`, { token: m.outsider.token })).body).toEqual([]);
    const patch = await s.request<Limit>('PATCH', `${LIM}/${made.body.uuid}/`, {
      token: m.offeringManager.token,
      body: { limit: 50 },
    });
    expect(patch.status, patch.text).toBe(200);
    expect(Number(patch.body.limit)).toBe(50);
    expect(
      (
        await s.request('PATCH', `${LIM}/${made.body.uuid}/`, {
          token: m.projectMember.token,
          body: { limit: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await s.request('PATCH', `${LIM}/${made.body.uuid}/`, { token: m.staff.token, body: { limit: 'x' } }))
        .status,
    ).toBe(400);
    expect((await s.request('GET', `${LIM}/${made.body.uuid}/`, { token: m.outsider.token })).status).toBe(
      404,
    );
    expect(
      (await s.request('DELETE', `${LIM}/${made.body.uuid}/`, { token: m.projectMember.token })).status,
    ).toBe(403);
    expect(
      (await s.request('DELETE', `${LIM}/${made.body.uuid}/`, { token: m.projectManager.token })).status,
    ).toBe(204);
    expect((await s.request('GET', `${LIM}/${made.body.uuid}/`, { token: m.staff.token })).status).toBe(404);
  });

  it('bad references are 400s naming the field; an outsider’s create is a 400 on resource', async () => {
    const component = await s.tdb.db
      .selectFrom('offering_components')
      .select('uuid')
      .where('offering_id', '=', m.offering.id)
      .executeTakeFirstOrThrow();
    const good = {
      resource: `http://x/api/marketplace-resources/${r.hex}/`,
      component: component.uuid,
      user: accounts[1]?.uuid,
    };
    const cases: [unknown, string][] = [
      [
        { ...good, resource: 'http://x/api/marketplace-resources/00000000000000000000000000000000/' },
        '/body/resource',
      ],
      [{ ...good, component: '00000000000000000000000000000000' }, '/body/component'],
      [{ ...good, component: 'nope' }, '/body/component'],
      [{ ...good, user: 'someone-else' }, '/body/user'],
      [{ ...good, limit: '-3' }, '/body/limit'],
    ];
    for (const [body, pointer] of cases) {
      const res = await post<Problem>(`${LIM}/`, m.staff.token, body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    const res = await post<Problem>(`${LIM}/`, m.outsider.token, good);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.pointer).toBe('/body/resource');
    expect((await post(`${LIM}/`, m.projectMember.token, good)).status).toBe(403);
    expect(hexOf(r.uuid)).toBe(r.hex);
  });
});
