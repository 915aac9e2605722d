import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  act,
  addRolePermission,
  approvedOrder,
  createOrder,
  expectAct,
  getOrder,
  orderRow,
  resourceState,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
let slurm: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  slurm = { ...m, offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' }) };
  await grant(s.tdb.db, m.offeringManager.id, 'OFFERING.MANAGER', {
    type: 'offering',
    id: slurm.offering.id,
  });
  await addRolePermission(s.tdb.db, 'OFFERING.MANAGER', 'ORDER.APPROVE');
});
afterAll(() => s.close());

/** The transitions an order made (refused ones, recorded too, are left out), oldest first. */
async function transitions(uuid: string) {
  const { id } = await orderRow(s.tdb.db, uuid);
  return s.tdb.db
    .selectFrom('order_transitions')
    .select(['from_state', 'to_state', 'action'])
    .where('order_id', '=', id)
    .where('is_valid', '=', true)
    .orderBy('id')
    .execute();
}

/** Open attempts of an order (at most one may run). */
async function runningAttempts(uuid: string) {
  const { id } = await orderRow(s.tdb.db, uuid);
  const rows = await s.tdb.db
    .selectFrom('order_attempts')
    .select('id')
    .where('order_id', '=', id)
    .where('outcome', '=', 'running')
    .execute();
  return rows.length;
}

describe('racing provider decisions on one pending-provider Basic order', () => {
  it('50 simultaneous approve_by_provider and reject_by_provider calls: one 200, 49 × 409, resource matches the winner', async () => {
    const o = await createOrder(s, m, m.owner);
    expect(o.state).toBe('pending-provider');
    const before = (await transitions(o.uuid)).length;
    const calls = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? act(s, o.uuid, 'approve_by_provider', m.providerOwner, {}).then((r) => ({
            kind: 'approve',
            status: r.status,
          }))
        : act(s, o.uuid, 'reject_by_provider', m.providerOwner, {}).then((r) => ({
            kind: 'reject',
            status: r.status,
          })),
    );
    const results = await Promise.all(calls);
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    const after = await getOrder(s, o.uuid, m.staff);
    const added = (await transitions(o.uuid)).slice(before);
    if (winners[0]?.kind === 'approve') {
      expect(after.state).toBe('done');
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
      expect(added.map((t) => t.action)).toEqual(['approve_by_provider', 'process']);
    } else {
      expect(after.state).toBe('rejected');
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
      expect(added.map((t) => t.action)).toEqual(['reject_by_provider']);
    }
    const events = await s.tdb.db
      .selectFrom('events')
      .select('event_type')
      .where('order_id', '=', (await orderRow(s.tdb.db, o.uuid)).id)
      .where('event_type', 'in', ['marketplace_order_approved', 'marketplace_order_rejected'])
      .execute();
    expect(events).toHaveLength(1);
  });

  it('50 simultaneous approve_by_consumer calls on one pending-consumer order: exactly one 200', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => act(s, o.uuid, 'approve_by_consumer', m.owner).then((r) => r.status)),
    );
    expect(results.filter((x) => x === 200)).toHaveLength(1);
    // §7.5: a loser fails the state validator (409) or Waldur's re-check under the row lock (400).
    expect(results.filter((x) => x === 409 || x === 400)).toHaveLength(49);
    expect((await transitions(o.uuid)).map((t) => t.action)).toEqual(['approve_by_consumer']);
  });
});

describe('racing retry and set_state_done on one Slurm order', () => {
  /** 20 retries and 20 set_state_done calls, interleaved, all in flight at once. */
  async function race(uuid: string) {
    const calls = Array.from({ length: 40 }, (_, i) => {
      const action = i % 2 === 0 ? 'retry' : 'set_state_done';
      const user = i % 4 < 2 ? m.providerOwner : m.offeringManager;
      return act(s, uuid, action, user).then((r) => ({ action, status: r.status }));
    });
    const results = await Promise.all(calls);
    for (const r of results) expect([200, 409]).toContain(r.status);
    return {
      retried: results.filter((r) => r.action === 'retry' && r.status === 200).length,
      done: results.filter((r) => r.action === 'set_state_done' && r.status === 200).length,
    };
  }

  it('from erred: exactly one retry wins, at most one set_state_done follows it, and every 200 is one transition', async () => {
    const o = await approvedOrder(s, slurm);
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, { error_message: 'x', error_traceback: '' });
    const before = (await transitions(o.uuid)).length;
    const { retried, done } = await race(o.uuid);
    expect(retried).toBe(1);
    expect(done).toBeLessThanOrEqual(1);
    const added = (await transitions(o.uuid)).slice(before);
    expect(added).toHaveLength(retried + done);
    expect(added.map((t) => t.action)).toEqual(done ? ['retry', 'set_state_done'] : ['retry']);
    const after = await getOrder(s, o.uuid, m.staff);
    expect(after.state).toBe(done ? 'done' : 'executing');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe(done ? 'OK' : 'Creating');
    expect(after.attempt_count).toBe(2);
    expect(await runningAttempts(o.uuid)).toBe(done ? 0 : 1);
  });

  it('from executing: exactly one set_state_done wins and every retry is a 409', async () => {
    const o = await approvedOrder(s, slurm);
    expect(o.state).toBe('executing');
    const before = (await transitions(o.uuid)).length;
    const { retried, done } = await race(o.uuid);
    expect(retried).toBe(0);
    expect(done).toBe(1);
    expect((await transitions(o.uuid)).slice(before).map((t) => t.action)).toEqual(['set_state_done']);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('done');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
    expect(await runningAttempts(o.uuid)).toBe(0);
  });

  it('30 simultaneous set_state_erred calls on an executing order all succeed and leave one closed attempt each', async () => {
    const o = await approvedOrder(s, slurm);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        act(s, o.uuid, 'set_state_erred', m.providerOwner, {
          error_message: `e${i}`,
          error_traceback: '',
        }).then((r) => r.status),
      ),
    );
    expect(results.every((x) => x === 200)).toBe(true);
    const after = await getOrder(s, o.uuid, m.staff);
    expect(after.state).toBe('erred');
    expect(after.attempt_count).toBe(30);
    expect(await runningAttempts(o.uuid)).toBe(0);
    expect(await transitions(o.uuid)).toHaveLength(2 + 30);
  });
});

describe('Idempotency-Key on order POSTs (§17 e)', () => {
  const withKey = (uuid: string, action: string, key: string, body: unknown) =>
    s.request<unknown>('POST', `/api/marketplace-orders/${uuid}/${action}/`, {
      token: m.providerOwner.token,
      body,
      headers: { 'Idempotency-Key': key },
    });

  it('the same key and body replays the stored response; nothing runs again', async () => {
    const o = await createOrder(s, m, m.owner);
    const first = await withKey(o.uuid, 'reject_by_provider', 'k-replay', {
      provider_rejection_comment: 'no',
    });
    const second = await withKey(o.uuid, 'reject_by_provider', 'k-replay', {
      provider_rejection_comment: 'no',
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect((await transitions(o.uuid)).filter((t) => t.action === 'reject_by_provider')).toHaveLength(1);
  });

  it('the same key with another body is a 422', async () => {
    const o = await createOrder(s, m, m.owner);
    await withKey(o.uuid, 'reject_by_provider', 'k-reuse', { provider_rejection_comment: 'a' });
    const r = await withKey(o.uuid, 'reject_by_provider', 'k-reuse', { provider_rejection_comment: 'b' });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'idempotency.key_reused' });
  });

  it('an error answer is not stored: the same key is evaluated again later', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    expect((await withKey(o.uuid, 'reject_by_provider', 'k-error', {})).status).toBe(409);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    const again = await withKey(o.uuid, 'reject_by_provider', 'k-error', {});
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('10 simultaneous approvals with one key: one effect, every answer 200 (first or replay) or 409 in progress', async () => {
    const o = await createOrder(s, m, m.owner);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => withKey(o.uuid, 'approve_by_provider', 'k-race', {})),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ code: 'idempotency.in_progress' });
    expect((await transitions(o.uuid)).filter((t) => t.action === 'approve_by_provider')).toHaveLength(1);
  });

  it('an order create repeated with one key makes one order', async () => {
    const body = orderBody(s.url, m);
    const send = () =>
      s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
        token: m.owner.token,
        body,
        headers: { 'Idempotency-Key': 'k-create' },
      });
    const count = async () =>
      (await s.tdb.db.selectFrom('orders').select('id').where('project_id', '=', m.project.id).execute())
        .length;
    const before = await count();
    const a = await send();
    const b = await send();
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body.uuid).toBe(a.body.uuid);
    expect(await count()).toBe(before + 1);
  });
});
