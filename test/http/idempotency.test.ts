import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
type Order = { uuid: string; state: string };

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

const count = async (table: 'orders' | 'resources' | 'idempotency_keys') =>
  Number(
    (
      await s.tdb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('Idempotency-Key on mutating POSTs', () => {
  it('replays the first response of an order create and creates nothing more', async () => {
    const body = orderBody(s.url, m);
    const headers = { 'idempotency-key': 'create-1' };
    const first = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    const before = [await count('orders'), await count('resources')];
    const again = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body,
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.uuid).toBe(first.body.uuid);
    expect([await count('orders'), await count('resources')]).toEqual(before);
  });

  it('refuses the same key with a different body with 422 and changes nothing', async () => {
    const headers = { 'idempotency-key': 'create-2' };
    expect(
      (
        await s.request('POST', '/api/marketplace-orders/', {
          token: m.owner.token,
          body: orderBody(s.url, m),
          headers,
        })
      ).status,
    ).toBe(201);
    const before = await count('orders');
    const other = await s.request<{ code: string }>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
    expect(await count('orders')).toBe(before);
  });

  it('concurrent requests with one key make one effect: each caller gets the answer or 409 in progress', async () => {
    const body = orderBody(s.url, m);
    const before = await count('orders');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        s.request<Order>('POST', '/api/marketplace-orders/', {
          token: m.owner.token,
          body,
          headers: { 'idempotency-key': 'race-1' },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(ok.map((r) => r.body.uuid)).size).toBe(1);
    expect(await count('orders')).toBe(before + 1);
  });

  it('answers 409 idempotency.in_progress while another request holds the key, and runs once it is free', async () => {
    const holder = await s.tdb.pool.connect();
    await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`${m.owner.id}|held-key`]);
    const headers = { 'idempotency-key': 'held-key' };
    const blocked = await s.request<{ code: string }>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m),
      headers,
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('idempotency.in_progress');
    await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`${m.owner.id}|held-key`]);
    holder.release();
    expect(
      (
        await s.request('POST', '/api/marketplace-orders/', {
          token: m.owner.token,
          body: orderBody(s.url, m),
          headers,
        })
      ).status,
    ).toBe(201);
  });

  it('treats the dashed and the hex uuid of one order as the same key scope', async () => {
    const created = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m),
    });
    const hexUuid = created.body.uuid;
    const dashed = hexUuid.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const headers = { 'idempotency-key': 'approve-once' };
    expect(
      (
        await s.request('POST', `/api/marketplace-orders/${hexUuid}/approve_by_provider/`, {
          token: m.providerOwner.token,
          body: {},
          headers,
        })
      ).status,
    ).toBe(200);
    const replay = await s.request('POST', `/api/marketplace-orders/${dashed}/approve_by_provider/`, {
      token: m.providerOwner.token,
      body: {},
      headers,
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('stores nothing for an error, so a corrected retry with the same key runs', async () => {
    const headers = { 'idempotency-key': 'after-error' };
    const bad = await s.request('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: { ...orderBody(s.url, m), limits: { nope: 1 } },
      headers,
    });
    expect(bad.status).toBe(400);
    const good = await s.request('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m),
      headers,
    });
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('scopes keys to the caller and replays an action answer', async () => {
    const created = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m),
    });
    const path = `/api/marketplace-orders/${created.body.uuid}/approve_by_provider/`;
    const a = await s.request('POST', path, {
      token: m.providerOwner.token,
      body: {},
      headers: { 'idempotency-key': 'k' },
    });
    const b = await s.request('POST', path, {
      token: m.providerOwner.token,
      body: {},
      headers: { 'idempotency-key': 'k' },
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    // Another caller with the same key is not replayed: the order is done, so staff gets 409.
    const c = await s.request('POST', path, {
      token: m.staff.token,
      body: {},
      headers: { 'idempotency-key': 'k' },
    });
    expect(c.status).toBe(409);
  });

  it('rejects a malformed key with 400', async () => {
    const r = await s.request('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m),
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(r.status).toBe(400);
  });
});
