import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
let uuid = '';

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  uuid = (
    await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
      token: m.projectAdmin.token,
      body: orderBody(s.url, m),
    })
  ).body.uuid;
});
afterAll(() => s.close());

describe('order sub-resources', () => {
  it('GET …/offering/ returns the order’s offering with its public plans, to whoever sees the order', async () => {
    const r = await s.request<{ uuid: string; type: string; plans: { uuid: string }[] }>(
      'GET',
      `/api/marketplace-orders/${uuid}/offering/`,
      { token: m.projectAdmin.token },
    );
    expect(r.status).toBe(200);
    expect(r.body.uuid).toBe(m.offering.uuid.replace(/-/g, ''));
    expect(r.body.plans.map((p) => p.uuid)).toEqual([m.offering.plan.uuid.replace(/-/g, '')]);
    expect(
      (await s.request('GET', `/api/marketplace-orders/${uuid}/offering/`, { token: m.outsider.token }))
        .status,
    ).toBe(404);
  });

  it('GET …/dashboard-my-orders/ lists the caller’s pending orders, newest first', async () => {
    const second = (
      await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
        token: m.projectAdmin.token,
        body: orderBody(s.url, m),
      })
    ).body.uuid;
    const r = await s.request<{ uuid: string }[]>('GET', '/api/marketplace-orders/dashboard-my-orders/', {
      token: m.projectAdmin.token,
    });
    expect(r.status).toBe(200);
    expect(r.body.map((o) => o.uuid)).toEqual([second, uuid]);
    expect(
      (
        await s.request<unknown[]>('GET', '/api/marketplace-orders/dashboard-my-orders/', {
          token: m.owner.token,
        })
      ).body,
    ).toEqual([]);
  });

  it('ignores unknown ordering fields as Waldur does', async () => {
    const r = await s.request<unknown[]>('GET', '/api/marketplace-orders/?o=-nonsense&o=-created', {
      token: m.staff.token,
    });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(2);
  });
});
