import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
type Order = {
  uuid: string;
  state: string;
  type: string;
  marketplace_resource_uuid: string;
  abilities: Record<string, { allowed: boolean; reason?: string; message?: string }>;
  error_message: string;
  completed_at: string | null;
  attempt_count: number;
};

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

describe('a Basic order end to end', () => {
  it('project admin creates (pending-consumer), owner approves (pending-provider), provider approves (done, resource OK)', async () => {
    const created = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: m.projectAdmin.token,
      body: orderBody(s.url, m),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.state).toBe('pending-consumer');
    expect(created.body.type).toBe('Create');
    const uuid = created.body.uuid;
    const a1 = await s.request<{ detail: string }>(
      'POST',
      `/api/marketplace-orders/${uuid}/approve_by_consumer/`,
      { token: m.owner.token },
    );
    expect(a1.status, a1.text).toBe(200);
    expect(a1.body.detail).toBe('Order is pending provider approval.');
    const a2 = await s.request('POST', `/api/marketplace-orders/${uuid}/approve_by_provider/`, {
      token: m.providerOwner.token,
      body: {},
    });
    expect(a2.status, a2.text).toBe(200);
    const after = await s.request<Order>('GET', `/api/marketplace-orders/${uuid}/`, { token: m.owner.token });
    expect(after.body.state).toBe('done');
    expect(after.body.completed_at).not.toBeNull();
    expect(after.body.attempt_count).toBe(1);
    const res = await s.tdb.db
      .selectFrom('resources')
      .select('state')
      .where(
        'uuid',
        '=',
        after.body.marketplace_resource_uuid.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      )
      .executeTakeFirstOrThrow();
    expect(res.state).toBe(2);
    const events = await s.tdb.db.selectFrom('events').select('event_type').orderBy('id').execute();
    expect(events.map((e) => e.event_type)).toEqual([
      'marketplace_resource_create_requested',
      // Orderly's own: the owner's approval moved the order on to the provider.
      'marketplace_order_review_approved',
      'marketplace_order_approved',
      'marketplace_order_completed',
      'marketplace_resource_create_succeeded',
    ]);
  });

  it('lists with X-Result-Count and abilities; retry is refused with a reason for a done order', async () => {
    const r = await s.request<Order[]>('GET', '/api/marketplace-orders/', { token: m.providerOwner.token });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-result-count')).toBe('1');
    expect(r.body[0]!.abilities.retry).toMatchObject({ allowed: false });
    const outsider = await s.request<Order[]>('GET', '/api/marketplace-orders/', { token: m.outsider.token });
    expect(outsider.body).toEqual([]);
  });
});
