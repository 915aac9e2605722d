import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/modules/resources/domain/end-date.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource, resourceRow } from '../support/resource-factories.js';

// Waldur's ResourceEndDateByProviderSerializer: neither the provider nor staff may set the end date
// of a resource used (charged) in the last 90 days; Orderly's charges are its plans' prices.

interface Problem {
  errors?: { pointer: string; detail: string }[];
}

const USED =
  'Service provider can not set end date of the resource which has been used for the last 90 days.';
const P = '/api/marketplace-provider-resources';
const R = '/api/marketplace-resources';

let s: TestServer;
const today = () => new Date().toISOString().slice(0, 10);
const monthStart = (monthsAgo: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 10);
};

/** A marketplace whose plan prices one component of `billing` type at 3 per unit. */
async function pricedMarketplace(
  billing: 'fixed' | 'usage',
  billable = true,
): Promise<Marketplace & { componentId: number }> {
  const m = await makeMarketplace(s.tdb.db);
  const db = s.tdb.db;
  const c = await db
    .insertInto('offering_components')
    .values({ offering_id: m.offering.id, type: billing, name: billing, billing_type: billing })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('plan_components')
    .values({ plan_id: m.offering.plan.id, component_id: c.id, price: '3', amount: '1' })
    .execute();
  if (!billable)
    await db.updateTable('offerings').set({ billable: false }).where('id', '=', m.offering.id).execute();
  return { ...m, componentId: c.id };
}

const setByProvider = (m: Marketplace, hex: string, endDate: string | null) =>
  s.request<Problem>('POST', `${P}/${hex}/set_end_date_by_provider/`, {
    token: m.providerOwner.token,
    body: { end_date: endDate },
  });

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('end date by provider or staff on a recently used resource', () => {
  it('a live resource with a priced fixed component: provider and staff 400 on end_date; the consumer may', async () => {
    const m = await pricedMarketplace('fixed');
    const r = await makeResource(s.tdb.db, m);
    const end = addDays(today(), 10);
    const byProvider = await setByProvider(m, r.hex, end);
    expect(byProvider.status).toBe(400);
    expect(byProvider.body.errors).toEqual([{ pointer: '/body/end_date', detail: USED }]);
    const byStaff = await s.request<Problem>('POST', `${R}/${r.hex}/set_end_date_by_staff/`, {
      token: m.staff.token,
      body: { end_date: end },
    });
    expect(byStaff.status).toBe(400);
    expect(byStaff.body.errors?.[0]?.detail).toBe(USED);
    expect((await resourceRow(s.tdb.db, r.id)).end_date).toBeNull();
    const byConsumer = await s.request('POST', `${R}/${r.hex}/set_end_date/`, {
      token: m.owner.token,
      body: { end_date: end },
    });
    expect(byConsumer.status).toBe(200);
    // Clearing an end date is never refused (Waldur returns before its checks).
    expect((await setByProvider(m, r.hex, null)).status).toBe(200);
  });

  it('usage reported in the last 90 days counts; an older one does not', async () => {
    const m = await pricedMarketplace('usage');
    const recent = await makeResource(s.tdb.db, m);
    const old = await makeResource(s.tdb.db, m);
    const usage = (resourceId: number, period: string) =>
      s.tdb.db
        .insertInto('component_usages')
        .values({
          resource_id: resourceId,
          component_id: m.componentId,
          billing_period: period,
          date: sql<Date>`now()`,
          usage: '5',
        })
        .execute();
    await usage(recent.id, monthStart(0));
    await usage(old.id, monthStart(4));
    const end = addDays(today(), 10);
    expect((await setByProvider(m, recent.hex, end)).body.errors?.[0]?.detail).toBe(USED);
    const ok = await setByProvider(m, old.hex, end);
    expect(ok.status).toBe(200);
    expect((await resourceRow(s.tdb.db, old.id)).end_date).toBe(end);
  });

  it('a non-billable offering is never charged: the usual 7-day rule alone applies', async () => {
    const m = await pricedMarketplace('fixed', false);
    const r = await makeResource(s.tdb.db, m);
    expect((await setByProvider(m, r.hex, addDays(today(), 3))).body.errors?.[0]?.detail).toBe(
      'Please set at least 7 days in advance.',
    );
    expect((await setByProvider(m, r.hex, addDays(today(), 7))).status).toBe(200);
  });
});
