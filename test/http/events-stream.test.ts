import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFinalEvents } from '../../src/modules/audit/adapters/pg/event-log.js';
import { eventRecords } from '../../src/modules/audit/adapters/pg/event-queries.js';
import { recordEvent } from '../../src/modules/audit/app/record-event.js';
import { makeCustomer, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { idsOf, openSse, type SseClient } from '../support/sse.js';
import { waitFor } from '../workflows/helpers.js';

let s: TestServer;
let m: Marketplace;
const open: SseClient[] = [];
type Ev = { id: number; event_type: string; order_uuid: string | null };

beforeAll(async () => {
  s = await startTestServer({ integrations: { heartbeatMs: 150, pollMs: 100 } });
  m = await makeMarketplace(s.tdb.db);
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

async function stream(token: string | undefined, query = '', headers: Record<string, string> = {}) {
  const c = await openSse(`${s.url}/api/events/stream${query}`, {
    ...(token ? { authorization: `Token ${token}` } : {}),
    ...headers,
  });
  open.push(c);
  // The position is fixed once the `retry` hint is out: events after it belong to this stream.
  if (c.status === 200) await waitFor('the stream to start', async () => c.retry !== undefined);
  return c;
}

/** Events of the log after `afterId` that `user` may see (the list's answer, oldest first). */
async function listed(user: TestUser, afterId: number, query = ''): Promise<Ev[]> {
  const r = await s.request<Ev[]>('GET', `/api/events/?after_id=${afterId}&page_size=300${query}`, {
    token: user.token,
  });
  return r.body;
}

async function lastId(): Promise<number> {
  const r = await s.tdb.db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

async function placeAndApprove(): Promise<string> {
  const created = await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
    token: m.owner.token,
    body: orderBody(s.url, m),
  });
  await s.request('POST', `/api/marketplace-orders/${created.body.uuid}/approve_by_provider/`, {
    token: m.providerOwner.token,
  });
  return created.body.uuid;
}

/** Writes one event about an organization in its own transaction. */
async function customerEvent(customerId: number, type = 'test_event') {
  await s.tdb.db
    .transaction()
    .execute((tx) => recordEvent(tx, { type, message: 'test', scopes: { customerId } }));
}

describe('GET /api/events/stream', () => {
  it('refuses anonymous callers and unknown resume points; a stream ticket stands in for the header', async () => {
    expect((await stream(undefined)).status).toBe(401);
    expect((await stream(undefined, '?ticket=nonsense')).status).toBe(401);
    const bad = await stream(m.staff.token, '', { 'last-event-id': '999999999' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.refusal).code).toBe('unknown_event_id');
    const t = await s.request<{ ticket: string; expires: string }>('POST', '/api/events/stream-tickets/', {
      token: m.owner.token,
    });
    expect(t.status).toBe(201);
    expect(new Date(t.body.expires).getTime()).toBeGreaterThan(Date.now());
    const c = await stream(undefined, `?ticket=${t.body.ticket}`);
    expect(c.status).toBe(200);
    expect(c.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  });

  it('streams committed events as the list shows them, with a retry hint and heartbeats', async () => {
    const c = await stream(m.staff.token);
    const before = await lastId();
    const order = await placeAndApprove();
    const expected = await listed(m.staff, before);
    expect(expected.map((e) => e.event_type)).toContain('marketplace_order_completed');
    await waitFor('every event on the stream', async () => c.messages.length >= expected.length);
    expect(c.messages.map((msg) => JSON.parse(msg.data))).toEqual(expected);
    expect(idsOf(c)).toEqual(expected.map((e) => e.id));
    expect(expected.every((e) => e.order_uuid === order.replace(/-/g, ''))).toBe(true);
    expect(c.retry).toBe(3000);
    await waitFor('two heartbeats', async () => c.comments.filter((x) => x === 'heartbeat').length >= 2);
  });

  it('applies the caller’s visibility and the list’s filters', async () => {
    const outsider = await makeUser(s.tdb.db);
    const own = await makeCustomer(s.tdb.db);
    await s.tdb.db
      .insertInto('user_roles')
      .values({
        user_id: outsider.id,
        role_id: (
          await s.tdb.db
            .selectFrom('roles')
            .select('id')
            .where('name', '=', 'CUSTOMER.OWNER')
            .executeTakeFirstOrThrow()
        ).id,
        scope_type: 'customer',
        scope_id: own.id,
      })
      .execute();
    const theirs = await stream(outsider.token);
    const completed = await stream(m.owner.token, '?event_type=marketplace_order_completed');
    await placeAndApprove();
    await customerEvent(own.id, 'marketplace_order_completed');
    // The outsider's own event comes after the order's: once it is in, nothing else was sent first.
    await waitFor('the outsider’s event', async () => theirs.messages.length >= 1);
    expect(theirs.messages.map((x) => JSON.parse(x.data).customer_uuid)).toEqual([
      own.uuid.replace(/-/g, ''),
    ]);
    await waitFor('the owner’s completion', async () => completed.messages.length >= 1);
    expect(completed.messages.map((x) => JSON.parse(x.data).event_type)).toEqual([
      'marketplace_order_completed',
    ]);
  });

  it('resumes after Last-Event-ID with exactly the events missed while disconnected', async () => {
    const first = await stream(m.staff.token);
    await placeAndApprove();
    const seen = await waitFor('the first order’s events', async () =>
      first.messages.length >= 4 ? idsOf(first) : undefined,
    );
    first.close();
    await first.ended;
    const lastSeen = seen.at(-1)!;
    await placeAndApprove();
    await placeAndApprove();
    const missed = (await listed(m.staff, lastSeen)).map((e) => e.id);
    expect(missed.length).toBe(8);
    const again = await stream(m.staff.token, '', { 'last-event-id': String(lastSeen) });
    await waitFor('the missed events', async () => again.messages.length >= missed.length);
    await customerEvent(m.customer.id, 'sentinel');
    await waitFor('the sentinel', async () =>
      again.messages.some((x) => JSON.parse(x.data).event_type === 'sentinel'),
    );
    expect(idsOf(again).slice(0, -1)).toEqual(missed);
  });
});

describe('commit order (no gap, no duplicate)', () => {
  it('holds back a later-committed event until an earlier-numbered one commits, then streams both in order', async () => {
    const c = await stream(m.staff.token);
    const slow = new pg.Client({ connectionString: s.tdb.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const a = await slow.query<{ id: string }>(
        "INSERT INTO events (event_type, message, customer_id) VALUES ('slow', 'a', $1) RETURNING id",
        [m.customer.id],
      );
      await customerEvent(m.customer.id, 'fast');
      const b = await lastId();
      expect(b).toBeGreaterThan(Number(a.rows[0]!.id));
      // While `a` may still commit, a reader after it must not see `b`: moving past `b` would skip `a`.
      const before = await s.tdb.db
        .transaction()
        .execute((tx) =>
          readFinalEvents(tx, eventRecords(tx), { tx: 0n, id: Number(a.rows[0]!.id) - 1 }, 100),
        );
      expect(before.rows.map((r) => r.id)).not.toContain(b);
      await slow.query('COMMIT');
      await waitFor('both events', async () => c.messages.length >= 2);
      expect(idsOf(c)).toEqual([Number(a.rows[0]!.id), b]);
    } finally {
      await slow.end();
    }
  });

  it('delivers every event of concurrent, overlapping writers exactly once, also across a reconnect', async () => {
    const whole = await stream(m.staff.token);
    const split = await stream(m.staff.token);
    const writers = new pg.Pool({ connectionString: s.tdb.url, max: 12 });
    const written: number[] = [];
    const write = async (i: number) => {
      const c = await writers.connect();
      try {
        await c.query('BEGIN');
        const r = await c.query<{ id: string }>(
          "INSERT INTO events (event_type, message, customer_id) VALUES ('burst', $1, $2) RETURNING id",
          [String(i), m.customer.id],
        );
        // Hold some transactions open for a while so that commits overtake each other.
        await c.query('SELECT pg_sleep($1)', [(i % 5) * 0.02]);
        await c.query('COMMIT');
        written.push(Number(r.rows[0]!.id));
      } finally {
        c.release();
      }
    };
    try {
      await Promise.all(Array.from({ length: 30 }, (_, i) => write(i)));
      const firstHalf = await waitFor('some events on the split stream', async () =>
        split.messages.length >= 10 ? idsOf(split) : undefined,
      );
      split.close();
      await split.ended;
      await Promise.all(Array.from({ length: 30 }, (_, i) => write(100 + i)));
      const resumed = await stream(m.staff.token, '', { 'last-event-id': String(firstHalf.at(-1)) });
      const all = [...written].sort((x, y) => x - y);
      await waitFor('all events on the whole stream', async () => whole.messages.length >= all.length);
      await waitFor(
        'the rest on the resumed stream',
        async () => firstHalf.length + resumed.messages.length >= all.length,
      );
      await customerEvent(m.customer.id, 'sentinel');
      await waitFor('the sentinel on both', async () =>
        [whole, resumed].every((c) => c.messages.some((x) => JSON.parse(x.data).event_type === 'sentinel')),
      );
      const burst = (c: SseClient) =>
        c.messages.filter((x) => JSON.parse(x.data).event_type === 'burst').map((x) => Number(x.id));
      expect([...burst(whole)].sort((x, y) => x - y)).toEqual(all);
      expect(new Set(burst(whole)).size).toBe(all.length);
      const joined = [...firstHalf, ...burst(resumed)];
      expect([...joined].sort((x, y) => x - y)).toEqual(all);
    } finally {
      await writers.end();
    }
  });
});
