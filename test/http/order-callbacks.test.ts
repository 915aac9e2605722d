import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_DEFAULTS, integrationJobs } from '../../src/app/integrations.js';
import { deliverDueCallbacks } from '../../src/modules/callbacks/app/deliver-callbacks.js';
import type { AttemptOutcome } from '../../src/modules/hooks/domain/delivery-policy.js';
import { type Schedule, startSchedule } from '../../src/platform/jobs/periodic.js';
import { secretBox } from '../../src/platform/secrets/secret-box.js';
import { type CallbackReceiver, startCallbackReceiver } from '../support/callback-receiver.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  createOrder,
  expectAct,
  getOrder,
  hexId,
  type ProblemView,
  rowCounts,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

// Callbacks go out under the webhook settings: retries after 1 s, 2 s, 4 s …, five attempts in all.
const config = {
  ...INTEGRATION_DEFAULTS,
  hooksAllowPrivate: true,
  hooksRetryBaseSeconds: 1,
  hooksMaxAttempts: 5,
  hooksTimeoutSeconds: 5,
};
const LEASE_MS = (config.hooksTimeoutSeconds + 30) * 1000;
const secrets = secretBox(randomBytes(32));
const silent = pino({ level: 'silent' });

let s: TestServer;
let m: Marketplace;
let rx: CallbackReceiver;

beforeAll(async () => {
  s = await startTestServer();
  // A Basic offering that completes orders at approval: create → pending-provider → executing → done.
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: true });
  rx = await startCallbackReceiver();
});
afterAll(async () => {
  await rx.close();
  await s.close();
});

/** A worker process's job schedule over the test database, driven by explicit ticks (no timers). */
function worker(): Schedule {
  return startSchedule(s.tdb.db, integrationJobs(s.tdb.db, config, secrets), silent, false);
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const states = (bodies: Record<string, unknown>[]) => bodies.map((b) => b.state);

function callbacksOf(orderUuid: string) {
  return s.tdb.db
    .selectFrom('order_callbacks as c')
    .innerJoin('orders as o', 'o.id', 'c.order_id')
    .select(['c.state', 'c.attempts', 'c.response_code', 'c.last_error', 'c.uuid'])
    .where('o.uuid', '=', orderUuid)
    .orderBy('c.id')
    .execute();
}

describe('order callback_url', () => {
  it('posts every state change of the order, in order, with the state in the body', async () => {
    const url = `${rx.url}/in-order`;
    const created = await createOrder(s, m, m.owner, { callback_url: url });
    expect(created.state).toBe('pending-provider');
    expect((await getOrder(s, created.uuid, m.owner)) as unknown).toMatchObject({ callback_url: url });
    await expectAct(s, created.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    const done = await getOrder(s, created.uuid, m.staff);
    expect(done.state).toBe('done');

    const sent = await worker().tick(new Date());
    expect(sent['orders.callbacks']).toBe(4);
    const got = rx.received.filter((r) => r.path === '/in-order');
    expect(states(got.map((r) => r.body))).toEqual([
      'pending-consumer',
      'pending-provider',
      'executing',
      'done',
    ]);
    expect(got.map((r) => r.body.previous_state)).toEqual([
      null,
      'pending-consumer',
      'pending-provider',
      'executing',
    ]);
    for (const r of got) {
      expect(r.body).toMatchObject({
        order_uuid: hexId(created.uuid),
        type: 'Create',
        marketplace_resource_uuid: hexId(created.marketplace_resource_uuid),
      });
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['orderly-event']).toBe('marketplace_order_state_changed');
    }
    expect(new Set(got.map((r) => r.headers['orderly-delivery'])).size).toBe(4);
    expect((await callbacksOf(created.uuid)).map((c) => [c.state, c.attempts, c.response_code])).toEqual([
      ['succeeded', 1, 200],
      ['succeeded', 1, 200],
      ['succeeded', 1, 200],
      ['succeeded', 1, 200],
    ]);
    // Nothing is sent twice.
    expect((await worker().tick(at(new Date(), 60_000)))['orders.callbacks']).toBe(0);
  });

  it('retries a failing receiver with back-off, holding later changes back, until it is delivered', async () => {
    const url = `${rx.url}/flaky`;
    rx.failNext('/flaky', 2);
    const created = await createOrder(s, m, m.owner, { callback_url: url });
    const w = worker();
    const t0 = new Date();
    await w.tick(t0); // attempt 1 of the first change: 500
    expect(rx.accepted('/flaky')).toEqual([]);
    expect((await callbacksOf(created.uuid)).map((c) => [c.state, c.attempts, c.last_error])).toEqual([
      ['pending', 1, 'HTTP 500'],
      ['pending', 0, ''],
    ]);
    // Not due before the first back-off (1 s) is over; the later change waits behind it.
    expect((await w.tick(at(t0, 900)))['orders.callbacks']).toBe(0);
    await w.tick(at(t0, 1_100)); // attempt 2: 500; the next wait is 2 s
    expect((await w.tick(at(t0, 3_000)))['orders.callbacks']).toBe(0);
    await w.tick(at(t0, 3_200)); // attempt 3 succeeds, then the second change goes out
    expect(states(rx.accepted('/flaky'))).toEqual(['pending-consumer', 'pending-provider']);
    const rows = await callbacksOf(created.uuid);
    expect(rows.map((c) => [c.state, c.attempts, c.response_code])).toEqual([
      ['succeeded', 3, 200],
      ['succeeded', 1, 200],
    ]);
    // Every attempt of one change carries the same delivery id, so a receiver can drop repeats.
    const first = rx.received.filter((r) => r.path === '/flaky').slice(0, 3);
    expect(first.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(first.map((r) => r.headers['orderly-delivery']))).toEqual(new Set([hexId(rows[0]!.uuid)]));
  });

  it('gives a change up after the last attempt and goes on with the next one', async () => {
    rx.failNext('/gone', 5);
    const created = await createOrder(s, m, m.owner, { callback_url: `${rx.url}/gone` });
    const w = worker();
    const t0 = new Date();
    for (const ms of [0, 1_100, 3_200, 7_300, 15_400]) await w.tick(at(t0, ms));
    const rows = await callbacksOf(created.uuid);
    expect(rows.map((c) => [c.state, c.attempts])).toEqual([
      ['failed', 5],
      ['succeeded', 1],
    ]);
    expect(states(rx.accepted('/gone'))).toEqual(['pending-provider']);
  });

  it('survives a worker that dies mid-send and changes made while no worker runs', async () => {
    const url = `${rx.url}/restart`;
    const created = await createOrder(s, m, m.owner, { callback_url: url });
    // Worker A claims the first change and "dies" during the request: its send never returns.
    let release: (o: AttemptOutcome) => void = () => undefined;
    const hung = new Promise<AttemptOutcome>((resolve) => {
      release = resolve;
    });
    const t0 = new Date();
    const dying = deliverDueCallbacks(
      s.tdb.db,
      {
        sender: { post: () => hung },
        rules: { maxAttempts: 5, baseDelaySeconds: 1 },
        leaseSeconds: LEASE_MS / 1000,
        batch: 8,
      },
      t0,
    );
    await expect.poll(async () => (await callbacksOf(created.uuid))[0]?.attempts).toBe(1);
    // The API goes on acknowledging changes while no worker is alive.
    await expectAct(s, created.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect(rx.accepted('/restart')).toEqual([]);

    // A fresh worker: the claimed change is not taken again while A's lease lasts …
    const b = worker();
    expect((await b.tick(at(t0, 1_000)))['orders.callbacks']).toBe(0);
    // … and after it, everything the database holds goes out, in order.
    await b.tick(at(t0, LEASE_MS + 1_000));
    expect(states(rx.accepted('/restart'))).toEqual([
      'pending-consumer',
      'pending-provider',
      'executing',
      'done',
    ]);
    // A's late answer is fenced off by the attempt number: it changes nothing.
    release({ kind: 'answered', status: 500, durationMs: 1 });
    await dying;
    expect((await callbacksOf(created.uuid)).map((c) => [c.state, c.attempts])).toEqual([
      ['succeeded', 2],
      ['succeeded', 1],
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
  });

  it('a private address is refused at once, without retries, unless private destinations are allowed', async () => {
    const created = await createOrder(s, m, m.owner, { callback_url: `${rx.url}/private` });
    const strict = startSchedule(
      s.tdb.db,
      integrationJobs(s.tdb.db, { ...config, hooksAllowPrivate: false }, secrets),
      silent,
      false,
    );
    await strict.tick(new Date());
    const rows = await callbacksOf(created.uuid);
    expect(rows.map((c) => [c.state, c.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
    ]);
    expect(rows[0]?.last_error).toMatch(/refused address 127\.0\.0\.1/);
    expect(rx.received.filter((r) => r.path === '/private')).toEqual([]);
  });

  it('orders without a callback_url queue nothing', async () => {
    const created = await createOrder(s, m, m.owner);
    expect(await callbacksOf(created.uuid)).toEqual([]);
    expect((await getOrder(s, created.uuid, m.owner)) as unknown).toMatchObject({ callback_url: null });
  });

  for (const bad of ['not a url', 'ftp://example.com/cb', 'javascript:alert(1)', 'http://', 42]) {
    it(`callback_url = ${JSON.stringify(bad)} is a 400 naming callback_url`, async () => {
      const before = await rowCounts(s.tdb.db);
      const r = await s.request<ProblemView>('POST', '/api/marketplace-orders/', {
        token: m.owner.token,
        body: orderBody(s.url, m, { callback_url: bad }),
      });
      expect(r.status, r.text).toBe(400);
      expect((r.body.errors ?? []).map((e) => e.pointer)).toContain('/body/callback_url');
      expect((await rowCounts(s.tdb.db)).orders).toBe(before.orders);
    });
  }
});
