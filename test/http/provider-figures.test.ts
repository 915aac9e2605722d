import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeOrder, makeResource } from '../support/resource-factories.js';

// Provider figures over known data: three live resources (two OK, one Erred) and one terminated two
// months ago; a fixed component at 10 a month and a usage component at 2.5 a unit (4 units this month).

let s: TestServer;
let m: Marketplace;
let offering: string;
let sp: string;
const month = (n: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  m = await makeMarketplace(db);
  offering = hexOf(m.offering.uuid);
  const comps = await db
    .insertInto('offering_components')
    .values([
      { offering_id: m.offering.id, type: 'base', name: 'Base', billing_type: 'fixed' },
      { offering_id: m.offering.id, type: 'gpu', name: 'GPU', billing_type: 'usage', measured_unit: 'h' },
    ])
    .returning(['id', 'type'])
    .execute();
  const [base, gpu] = comps.map((c) => c.id) as [number, number];
  await db
    .insertInto('plan_components')
    .values([
      { plan_id: m.offering.plan.id, component_id: base, amount: 1, price: 10 },
      { plan_id: m.offering.plan.id, component_id: gpu, amount: 0, price: '2.5' },
    ])
    .execute();
  const r1 = await makeResource(db, m);
  await makeResource(db, m);
  await makeResource(db, m, { state: 'Erred', creation: 'erred' });
  const gone = await makeResource(db, m, { state: 'Terminated', creation: null });
  // Test set-up only: created three months ago, terminated two months ago.
  await sql`UPDATE resources SET created = ${`${month(-3)}-02T00:00:00Z`}::timestamptz,
    modified = ${`${month(-2)}-02T00:00:00Z`}::timestamptz WHERE id = ${gone.id}`.execute(db);
  await makeOrder(db, m, r1, { type: 'Update', state: 'pending-provider' });
  await db
    .insertInto('component_usages')
    .values({
      resource_id: r1.id,
      component_id: gpu,
      billing_period: `${month(0)}-01`,
      date: new Date(),
      usage: 4,
    })
    .execute();
  const row = await db
    .selectFrom('service_providers')
    .select('uuid')
    .where('customer_id', '=', m.provider.id)
    .executeTakeFirstOrThrow();
  sp = hexOf(row.uuid);
});
afterAll(() => s.close());

const pointers = (b: unknown) =>
  ((b as { errors?: { pointer: string }[] }).errors ?? []).map((e) => e.pointer);
const get = (path: string, token: string) => s.request<unknown>('GET', path, { token });
const O = () => `/api/marketplace-provider-offerings/${offering}`;
const SP = () => `/api/marketplace-service-providers/${sp}`;

describe('offering figures', () => {
  it('stats and state_counters count live resources and their organizations', async () => {
    expect((await get(`${O()}/stats/`, m.providerOwner.token)).body).toEqual({
      resources_count: 3,
      customers_count: 1,
    });
    expect((await get(`${O()}/state_counters/`, m.providerOwner.token)).body).toEqual({
      resources: [
        { state: 'OK', count: 2 },
        { state: 'Erred', count: 1 },
        { state: 'Terminated', count: 1 },
      ],
      users: [],
    });
  });

  it('costs price usages and fixed components month by month', async () => {
    const r = await get(`${O()}/costs/?start=${month(-3)}&end=${month(0)}`, m.providerOwner.token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { period: month(-3), price: 10, tax: 0, total: 10 },
      { period: month(-2), price: 10, tax: 0, total: 10 },
      { period: month(-1), price: 0, tax: 0, total: 0 },
      { period: month(0), price: 40, tax: 0, total: 40 },
    ]);
    const year = await get(`${O()}/costs/?page_size=20`, m.providerOwner.token);
    expect((year.body as unknown[]).length).toBe(12);
  });

  it('component_stats sums reported usage per component and month', async () => {
    const r = await get(`${O()}/component_stats/?start=${month(0)}`, m.offeringManager.token);
    expect(r.body).toEqual([
      {
        period: month(0),
        billing_period: `${month(0)}-01`,
        date: `${month(0)}-01`,
        usage: 4,
        description: '',
        measured_unit: 'h',
        type: 'gpu',
        name: 'GPU',
      },
    ]);
  });

  it('customers lists the consumer organizations with a live resource', async () => {
    const r = await get(`${O()}/customers/`, m.providerOwner.token);
    expect((r.body as { uuid: string }[]).map((c) => c.uuid)).toEqual([hexOf(m.customer.uuid)]);
    expect(r.headers.get('x-result-count')).toBe('1');
  });

  it('a month that is not YYYY-MM is a 400 naming the field', async () => {
    for (const f of ['costs', 'component_stats']) {
      const r = await get(`${O()}/${f}/?start=2024-13`, m.providerOwner.token);
      expect(r.status).toBe(400);
      expect(pointers(r.body), r.text).toEqual(['/query/start']);
    }
  });

  it('provider staff and offering managers may look; consumers and strangers may not', async () => {
    const cases: [string, string, number][] = [
      ['staff', m.staff.token, 200],
      ['provider owner', m.providerOwner.token, 200],
      ['provider manager', m.customerManager.token, 200],
      ['offering manager', m.offeringManager.token, 200],
      ['consumer owner', m.owner.token, 404],
      ['project admin', m.projectAdmin.token, 404],
      ['another organization', m.outsider.token, 404],
    ];
    for (const f of ['stats', 'state_counters', 'costs', 'component_stats', 'customers'])
      for (const [who, token, status] of cases)
        expect((await get(`${O()}/${f}/`, token)).status, `${f} as ${who}`).toBe(status);
    expect((await get(`${O()}/stats/`, '')).status).toBe(401);
  });
});

describe('service provider figures', () => {
  it('stat gives the headline figures', async () => {
    expect((await get(`${SP()}/stat/`, m.providerOwner.token)).body).toEqual({
      active_campaigns: 0,
      current_customers: 1,
      customers_number_change: 1,
      active_resources: 3,
      resources_number_change: 3,
      active_and_paused_offerings: 1,
      unresolved_tickets: 0,
      pending_orders: 1,
      erred_resources: 1,
    });
  });

  it('revenue gives the last twelve months, oldest first', async () => {
    const r = await get(`${SP()}/revenue/?page_size=12`, m.providerOwner.token);
    const rows = r.body as { total: number; year: number; month: number }[];
    expect(rows).toHaveLength(12);
    const key = (p: string) => ({ year: Number(p.slice(0, 4)), month: Number(p.slice(5, 7)) });
    expect(rows.slice(-4)).toEqual([
      { total: 10, ...key(month(-3)) },
      { total: 10, ...key(month(-2)) },
      { total: 0, ...key(month(-1)) },
      { total: 40, ...key(month(0)) },
    ]);
  });

  it('dashboard gives orders per day by state and resources by state', async () => {
    // The day the orders were made, as the database saw it (not the test's clock).
    const { rows } = await sql<{
      day: string;
    }>`SELECT to_char(max(created) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
      FROM orders WHERE offering_id = ${m.offering.id}`.execute(s.tdb.db);
    const today = rows[0]?.day;
    const r = await get(`${SP()}/dashboard/?days=7`, m.customerManager.token);
    expect(r.body).toEqual({
      orders_per_day: [
        { date: today, state: 'done', count: 2 },
        { date: today, state: 'erred', count: 1 },
        { date: today, state: 'pending-provider', count: 1 },
      ],
      resources_by_state: [
        { state: 'OK', count: 2 },
        { state: 'Erred', count: 1 },
        { state: 'Terminated', count: 1 },
      ],
    });
    const bad = await get(`${SP()}/dashboard/?days=0`, m.providerOwner.token);
    expect(bad.status).toBe(400);
    expect(pointers(bad.body), bad.text).toEqual(['/query/days']);
  });

  it('the provider’s people may look; consumers and strangers get 403, unknown providers 404', async () => {
    const cases: [string, string, number][] = [
      ['staff', m.staff.token, 200],
      ['provider owner', m.providerOwner.token, 200],
      ['provider manager', m.customerManager.token, 200],
      ['offering manager', m.offeringManager.token, 200],
      ['consumer owner', m.owner.token, 403],
      ['project admin', m.projectAdmin.token, 403],
      ['another organization', m.outsider.token, 403],
    ];
    for (const f of ['stat', 'revenue', 'dashboard'])
      for (const [who, token, status] of cases)
        expect((await get(`${SP()}/${f}/`, token)).status, `${f} as ${who}`).toBe(status);
    const unknown = `/api/marketplace-service-providers/${'0'.repeat(32)}/stat/`;
    expect((await get(unknown, m.staff.token)).status).toBe(404);
  });
});
