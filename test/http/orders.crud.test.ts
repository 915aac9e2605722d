import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  act,
  approvedOrder,
  createOrder,
  dashed,
  expectAct,
  giveOutsiderAnOrganization,
  hexId,
  type ProblemView,
  resourceState,
  rowCounts,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  await giveOutsiderAnOrganization(s.tdb.db, m);
});
afterAll(() => s.close());

const post = (token: string | undefined, body: unknown) =>
  s.request<ProblemView>('POST', '/api/marketplace-orders/', { token, body });
const pointers = (p: ProblemView) => (p.errors ?? []).map((e) => e.pointer);

describe('OrderCreateTest', () => {
  it('staff, the organization owner, the project admin and the project manager create orders (201, Create, resource Creating)', async () => {
    for (const user of [m.staff, m.owner, m.projectAdmin, m.projectManager]) {
      const o = await createOrder(s, m, user);
      expect(o.type).toBe('Create');
      expect(o.project_uuid).toBe(hexId(m.project.uuid));
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
    }
  });

  it('global support passes the create permission (201)', async () => {
    const r = await post(m.support.token, orderBody(s.url, m));
    expect(r.status, r.text).toBe(201);
  });

  it('a user who cannot see the project gets 400 naming the project field', async () => {
    for (const user of [m.outsider, m.providerOwner, m.offeringManager]) {
      const r = await post(user.token, orderBody(s.url, m));
      expect(r.status, r.text).toBe(400);
      expect(pointers(r.body)).toContain('/body/project');
    }
  });

  it('a project member sees the project but lacks ORDER.CREATE (403)', async () => {
    const r = await post(m.projectMember.token, orderBody(s.url, m));
    expect(r.status, r.text).toBe(403);
  });

  it('a draft, paused, archived or unavailable offering is refused with 400 (new orders need Active)', async () => {
    for (const state of [1, 3, 4, 5]) {
      const f = await makeOffering(s.tdb.db, m.provider.id, { state });
      const r = await post(m.owner.token, orderBody(s.url, { ...m, offering: f }));
      expect(r.status, r.text).toBe(400);
      expect(pointers(r.body)).toContain('/body/offering');
    }
  });

  it('a plan of another offering is refused with 400 naming the plan', async () => {
    const other = await makeOffering(s.tdb.db, m.provider.id);
    const body = orderBody(s.url, m);
    body.plan = `${s.url}/api/marketplace-public-offerings/${hexId(m.offering.uuid)}/plans/${hexId(other.plan.uuid)}/`;
    const r = await post(m.owner.token, body);
    expect(r.status, r.text).toBe(400);
    expect(pointers(r.body)).toContain('/body/plan');
  });

  it('a shared offering needs a plan (400); a private offering of the same organization does not (201)', async () => {
    const { plan: _plan, ...noPlan } = orderBody(s.url, m);
    const r = await post(m.owner.token, noPlan);
    expect(r.status, r.text).toBe(400);
    expect(pointers(r.body)).toContain('/body/plan');
    const own = await makeOffering(s.tdb.db, m.customer.id, { shared: false });
    const { plan: _p2, ...privateNoPlan } = orderBody(s.url, { ...m, offering: own });
    const ok = await post(m.owner.token, privateNoPlan);
    expect(ok.status, ok.text).toBe(201);
  });

  it('a plan whose max_amount is reached is refused with 400', async () => {
    const f = await makeOffering(s.tdb.db, m.provider.id);
    await s.tdb.db.updateTable('plans').set({ max_amount: 1 }).where('id', '=', f.plan.id).execute();
    const mf = { ...m, offering: f };
    expect((await post(m.owner.token, orderBody(s.url, mf))).status).toBe(201);
    const r = await post(m.owner.token, orderBody(s.url, mf));
    expect(r.status, r.text).toBe(400);
    expect(pointers(r.body)).toContain('/body/plan');
  });

  it('a blocked organization cannot order (400) and nothing is written', async () => {
    const b = await makeMarketplace(s.tdb.db);
    await s.tdb.db.updateTable('customers').set({ blocked: true }).where('id', '=', b.customer.id).execute();
    const before = await rowCounts(s.tdb.db);
    for (const user of [b.owner, b.projectAdmin]) {
      const r = await post(user.token, orderBody(s.url, b));
      expect(r.status, r.text).toBe(400);
    }
    expect(await rowCounts(s.tdb.db)).toEqual(before);
  });

  it('a soft-deleted project cannot order (400 naming the project)', async () => {
    const project = await makeProject(s.tdb.db, m.customer.id);
    await s.tdb.db
      .updateTable('projects')
      .set({ removed_at: new Date() })
      .where('id', '=', project.id)
      .execute();
    const r = await post(m.owner.token, orderBody(s.url, { ...m, project }));
    expect(r.status, r.text).toBe(400);
    expect(pointers(r.body)).toContain('/body/project');
  });

  it('an expired project cannot order (400)', async () => {
    const project = await makeProject(s.tdb.db, m.customer.id, { end_date: '2000-01-01' });
    const r = await post(m.owner.token, orderBody(s.url, { ...m, project }));
    expect(r.status, r.text).toBe(400);
  });

  it('a private offering of another organization is refused (400); the non-shared offering of the same organization is fine', async () => {
    const foreign = await makeOffering(s.tdb.db, m.provider.id, { shared: false });
    const r = await post(m.owner.token, orderBody(s.url, { ...m, offering: foreign }));
    expect(r.status, r.text).toBe(400);
    expect(pointers(r.body)).toContain('/body/offering');
    const own = await makeOffering(s.tdb.db, m.customer.id, { shared: false });
    expect((await post(m.projectAdmin.token, orderBody(s.url, { ...m, offering: own }))).status).toBe(201);
  });

  it('invalid limits are refused with 400 naming /body/limits/<type>', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ gpu: 1 }, '/body/limits/gpu'],
      [{ cpu: 5000 }, '/body/limits/cpu'],
      [{ cpu: -1 }, '/body/limits/cpu'],
      [{ cpu: 'four' }, '/body/limits/cpu'],
    ];
    for (const [limits, pointer] of cases) {
      const r = await post(m.owner.token, orderBody(s.url, m, { limits }));
      expect(r.status, r.text).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(pointers(r.body)).toContain(pointer);
    }
  });
});

describe('OrderDeleteTest', () => {
  it('staff, owner, project admin and project manager delete a pending order (204); the resource row stays', async () => {
    for (const user of [m.staff, m.owner, m.projectAdmin, m.projectManager]) {
      const o = await createOrder(s, m, m.projectAdmin);
      const r = await s.request('DELETE', `/api/marketplace-orders/${o.uuid}/`, { token: user.token });
      expect(r.status, r.text).toBe(204);
      const gone = await s.tdb.db
        .selectFrom('orders')
        .select('id')
        .where('uuid', '=', dashed(o.uuid))
        .execute();
      expect(gone).toEqual([]);
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
    }
  });

  it('a pending-provider order can be deleted too (204)', async () => {
    const o = await createOrder(s, m, m.owner);
    expect(o.state).toBe('pending-provider');
    const r = await s.request('DELETE', `/api/marketplace-orders/${o.uuid}/`, { token: m.owner.token });
    expect(r.status, r.text).toBe(204);
  });

  it('other users are denied: 403 for those who see the order, 404 for the outsider, 401 anonymous', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const expected: [string | undefined, number][] = [
      [m.projectMember.token, 403],
      [m.support.token, 403],
      [m.customerManager.token, 403],
      [m.offeringManager.token, 403],
      [m.providerOwner.token, 403],
      [m.outsider.token, 404],
      [undefined, 401],
    ];
    for (const [token, status] of expected) {
      const r = await s.request('DELETE', `/api/marketplace-orders/${o.uuid}/`, { token });
      expect(r.status, r.text).toBe(status);
    }
    expect(
      (await s.request('GET', `/api/marketplace-orders/${o.uuid}/`, { token: m.owner.token })).status,
    ).toBe(200);
  });

  it('an order that is not pending cannot be deleted (409)', async () => {
    const done = await approvedOrder(s, m);
    expect(done.state).toBe('done');
    const rejected = await createOrder(s, m, m.owner);
    await expectAct(s, rejected.uuid, 'reject_by_provider', m.providerOwner, 200, {});
    for (const o of [done, rejected]) {
      const r = await s.request<ProblemView>('DELETE', `/api/marketplace-orders/${o.uuid}/`, {
        token: m.owner.token,
      });
      expect(r.status, r.text).toBe(409);
    }
  });

  it('an order of a blocked organization cannot be deleted (400)', async () => {
    const b = await makeMarketplace(s.tdb.db);
    const o = await createOrder(s, b, b.projectAdmin);
    await s.tdb.db.updateTable('customers').set({ blocked: true }).where('id', '=', b.customer.id).execute();
    const r = await s.request('DELETE', `/api/marketplace-orders/${o.uuid}/`, { token: b.owner.token });
    expect(r.status, r.text).toBe(400);
    const still = await act(s, o.uuid, 'approve_by_consumer', b.owner);
    expect(still.status).toBe(400);
  });
});

describe('OrderCreateTest (representation)', () => {
  it('the order cost is the plan estimate for the requested limits (§2.1 init_cost)', async () => {
    const f = await makeOffering(s.tdb.db, m.provider.id);
    const cpu = await s.tdb.db
      .selectFrom('offering_components')
      .select('id')
      .where('offering_id', '=', f.id)
      .executeTakeFirstOrThrow();
    await s.tdb.db
      .insertInto('plan_components')
      .values({ plan_id: f.plan.id, component_id: cpu.id, amount: '0', price: '2.5' })
      .execute();
    const o = await s.request<{ cost: string | null }>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, { ...m, offering: f }, { limits: { cpu: 4 } }),
    });
    expect(o.status, o.text).toBe(201);
    expect(Number(o.body.cost)).toBe(20);
  });

  it('ids are 32-hex, datetimes ISO, objects never null; field= gives a sparse fieldset', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const full = await s.request<Record<string, unknown>>('GET', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.owner.token,
    });
    for (const k of [
      'uuid',
      'offering_uuid',
      'project_uuid',
      'customer_uuid',
      'marketplace_resource_uuid',
      'provider_uuid',
    ]) {
      expect(full.body[k], k).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const k of ['created', 'modified'])
      expect(Number.isNaN(Date.parse(String(full.body[k])))).toBe(false);
    for (const k of ['attributes', 'limits', 'offering_plugin_options'])
      expect(typeof full.body[k]).toBe('object');
    expect(full.body).toMatchObject({
      error_message: '',
      error_traceback: '',
      can_terminate: true,
      type: 'Create',
    });
    const f = await s.tdb.db
      .selectFrom('offerings')
      .select('slug')
      .where('id', '=', m.offering.id)
      .executeTakeFirstOrThrow();
    const day = String(full.body.created).slice(0, 10);
    expect(full.body.slug).toBe(`${full.body.customer_slug}-${f.slug}-${day}`);
    const sparse = await s.request<Record<string, unknown>[]>(
      'GET',
      '/api/marketplace-orders/?field=uuid&field=state',
      {
        token: m.owner.token,
      },
    );
    expect(Object.keys(sparse.body[0] ?? {}).sort()).toEqual(['state', 'uuid']);
  });
});

describe('OrderCreateTest (counts)', () => {
  it('a 201 writes exactly one order and one resource', async () => {
    const before = await rowCounts(s.tdb.db);
    await createOrder(s, m, m.owner);
    const after = await rowCounts(s.tdb.db);
    expect(after.orders - before.orders).toBe(1);
    expect(after.resources - before.resources).toBe(1);
  });
});
