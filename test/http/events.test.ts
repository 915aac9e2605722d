import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
let orderUuid = '';
type Ev = {
  id: number;
  event_type: string;
  message: string;
  order_uuid: string | null;
  actor_username: string | null;
};

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  const created = await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
    token: m.owner.token,
    body: orderBody(s.url, m),
  });
  orderUuid = created.body.uuid;
  await s.request('POST', `/api/marketplace-orders/${orderUuid}/approve_by_provider/`, {
    token: m.providerOwner.token,
    body: {},
  });
});
afterAll(() => s.close());

describe('GET /api/events/', () => {
  it('returns an order’s events with Waldur types and messages, oldest first with after_id', async () => {
    const r = await s.request<Ev[]>('GET', `/api/events/?order_uuid=${orderUuid}&after_id=0`, {
      token: m.owner.token,
    });
    expect(r.status).toBe(200);
    expect(r.body.map((e) => e.event_type)).toEqual([
      'marketplace_resource_create_requested',
      'marketplace_order_approved',
      'marketplace_order_completed',
      'marketplace_resource_create_succeeded',
    ]);
    expect(r.body[1]!.message).toMatch(
      /^Marketplace order for resource res-\w+ has been approved\. Type: Create$/,
    );
    expect(r.body[1]!.actor_username).toBe(m.providerOwner.username);
    expect(r.body.every((e) => e.order_uuid === orderUuid)).toBe(true);
  });

  it('filters by type and is newest first by default', async () => {
    const r = await s.request<Ev[]>(
      'GET',
      '/api/events/?event_type=marketplace_order_completed&event_type=marketplace_order_approved',
      { token: m.staff.token },
    );
    expect(r.body.map((e) => e.event_type)).toEqual([
      'marketplace_order_completed',
      'marketplace_order_approved',
    ]);
    expect(r.headers.get('x-result-count')).toBe('2');
  });

  it('shows the provider side its events and other organizations nothing', async () => {
    expect((await s.request<Ev[]>('GET', '/api/events/', { token: m.providerOwner.token })).body.length).toBe(
      4,
    );
    expect((await s.request<Ev[]>('GET', '/api/events/', { token: m.outsider.token })).body).toEqual([]);
    expect((await s.request('GET', '/api/events/')).status).toBe(401);
  });
});
