import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBulkItem } from '../../src/flows/bulk-orders/apply-item.js';
import type { TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, dashed, getOrder, type ProblemView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';

let s: TestServer;
let m: Marketplace;

interface Job {
  uuid: string;
  state: string;
  action: string;
  progress: {
    total: number;
    finished: number;
    done: number;
    refused: number;
    skipped: number;
    pending: number;
  };
  items: { order_uuid: string; outcome: string; status: number | null; code: string; message: string }[];
}

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: false });
});
afterAll(() => s.close());

const missing = '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f';
const bulk = (user: TestUser | undefined, body: unknown) =>
  s.request<Job & ProblemView>('POST', '/api/marketplace-orders/bulk/', { token: user?.token, body });
const finished = (user: TestUser, uuid: string) =>
  waitFor(`bulk job ${uuid}`, async () => {
    const r = await s.request<Job>('GET', `/api/bulk-jobs/${uuid}/`, { token: user.token });
    return r.body.state === 'done' ? r.body : undefined;
  });
const pendingProvider = async (n: number) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await createOrder(s, m, m.owner)).uuid);
  return out;
};

describe('bulk order jobs', () => {
  it('approves each listed order as approve_by_provider would; refusals carry the problem; duplicates are skipped', async () => {
    const [a, b] = await pendingProvider(2);
    const consumerPending = (await createOrder(s, m, m.projectAdmin)).uuid;
    const r = await bulk(m.providerOwner, {
      action: 'approve_by_provider',
      orders: [a, b, consumerPending, missing, a],
      reason: 'capacity is there',
    });
    expect(r.status, r.text).toBe(202);
    expect(r.body).toMatchObject({ action: 'approve_by_provider', progress: { total: 5, skipped: 1 } });
    const job = await finished(m.providerOwner, r.body.uuid);
    expect(job.items.map((i) => [i.outcome, i.status, i.code])).toEqual([
      ['done', null, ''],
      ['done', null, ''],
      ['refused', 409, 'order.invalid_state'],
      ['refused', 404, 'order.not_found'],
      ['skipped', null, ''],
    ]);
    expect(job.progress).toEqual({ total: 5, finished: 5, done: 2, refused: 2, skipped: 1, pending: 0 });
    for (const u of [a, b] as string[]) expect((await getOrder(s, u, m.staff)).state).toBe('executing');
    expect((await getOrder(s, consumerPending, m.staff)).state).toBe('pending-consumer');
    // The single route gives the same refusal for the same order.
    const single = await s.request<ProblemView>(
      'POST',
      `/api/marketplace-orders/${consumerPending}/approve_by_provider/`,
      {
        token: m.providerOwner.token,
        body: {},
      },
    );
    expect([single.status, single.body.code]).toEqual([409, 'order.invalid_state']);
    // One audit event per applied or refused item, naming the job.
    const events = await s.tdb.db
      .selectFrom('events')
      .select(['context', 'reason'])
      .where('event_type', '=', 'marketplace_order_bulk_item')
      .where(({ ref }) => ref('context', '->>').key('bulk_job_uuid'), '=', dashed(job.uuid))
      .execute();
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.reason === 'capacity is there')).toBe(true);
  });

  it('role matrix: every item is checked for the job’s creator', async () => {
    const cases: [keyof Marketplace, string, number | null][] = [
      ['staff', 'done', null],
      ['providerOwner', 'done', null],
      ['customerManager', 'done', null],
      ['owner', 'refused', 403],
      ['projectAdmin', 'refused', 403],
      ['outsider', 'refused', 404],
    ];
    for (const [role, outcome, status] of cases) {
      const [o] = await pendingProvider(1);
      const user = m[role] as TestUser;
      const r = await bulk(user, { action: 'approve_by_provider', orders: [o] });
      expect(r.status, `${role}: ${r.text}`).toBe(202);
      const job = await finished(user, r.body.uuid);
      expect([role, job.items[0]?.outcome, job.items[0]?.status]).toEqual([role, outcome, status]);
    }
  });

  it('reject_by_provider and set_state_done run their own use cases', async () => {
    const [toReject] = await pendingProvider(1);
    const rejected = await finished(
      m.providerOwner,
      (await bulk(m.providerOwner, { action: 'reject_by_provider', orders: [toReject], reason: 'no room' }))
        .body.uuid,
    );
    expect(rejected.items[0]?.outcome).toBe('done');
    expect((await getOrder(s, toReject!, m.staff)).state).toBe('rejected');
    const [toFinish] = await pendingProvider(1);
    await finished(
      m.providerOwner,
      (await bulk(m.providerOwner, { action: 'approve_by_provider', orders: [toFinish] })).body.uuid,
    );
    const done = await finished(
      m.providerOwner,
      (await bulk(m.providerOwner, { action: 'set_state_done', orders: [toFinish] })).body.uuid,
    );
    expect(done.items[0]?.outcome).toBe('done');
    expect((await getOrder(s, toFinish!, m.staff)).state).toBe('done');
    const again = await finished(
      m.providerOwner,
      (await bulk(m.providerOwner, { action: 'set_state_done', orders: [toFinish] })).body.uuid,
    );
    expect(again.items[0]).toMatchObject({ outcome: 'refused', status: 409, code: 'order.invalid_state' });
  });

  it('a step run again (crash after its commit) finds the item finished and applies nothing', async () => {
    const [o] = await pendingProvider(1);
    const job = await finished(
      m.providerOwner,
      (await bulk(m.providerOwner, { action: 'approve_by_provider', orders: [o] })).body.uuid,
    );
    const item = await s.tdb.db
      .selectFrom('bulk_job_items as i')
      .innerJoin('bulk_jobs as j', 'j.id', 'i.job_id')
      .select(['i.id', 'i.job_id'])
      .where('j.uuid', '=', dashed(job.uuid))
      .executeTakeFirstOrThrow();
    expect(await applyBulkItem(s.tdb.db, item.job_id, item.id)).toBe('already');
    const approvals = await s.tdb.db
      .selectFrom('order_transitions as t')
      .innerJoin('orders as o', 'o.id', 't.order_id')
      .select('t.id')
      .where('o.uuid', '=', dashed(o!))
      .where('t.action', '=', 'approve_by_provider')
      .execute();
    expect(approvals).toHaveLength(1);
  });

  it('a job is visible to its creator, staff and support only', async () => {
    const [o] = await pendingProvider(1);
    const job = await finished(
      m.providerOwner,
      (await bulk(m.providerOwner, { action: 'approve_by_provider', orders: [o] })).body.uuid,
    );
    const get = (user?: TestUser) => s.request('GET', `/api/bulk-jobs/${job.uuid}/`, { token: user?.token });
    expect((await get(m.staff)).status).toBe(200);
    expect((await get(m.support)).status).toBe(200);
    expect((await get(m.owner)).status).toBe(404);
    expect((await get(undefined)).status).toBe(401);
    expect((await s.request('GET', `/api/bulk-jobs/${missing}/`, { token: m.staff.token })).status).toBe(404);
    expect((await s.request('GET', '/api/bulk-jobs/nope/', { token: m.staff.token })).status).toBe(400);
  });

  it('bad input is a 400 naming the field, never a 5xx', async () => {
    const cases: [unknown, string][] = [
      [{ action: 'approve', orders: [missing] }, '/body/action'],
      [{ orders: [missing] }, '/body/action'],
      [{ action: 'cancel', orders: [] }, '/body/orders'],
      [{ action: 'cancel' }, '/body/orders'],
      [{ action: 'cancel', orders: [missing, 'xyz'] }, '/body/orders/1'],
      [{ action: 'cancel', orders: missing }, '/body/orders'],
      [{ action: 'cancel', orders: [missing], reason: 5 }, '/body/reason'],
      [{ action: 'cancel', orders: Array.from({ length: 1001 }, () => missing) }, '/body/orders'],
    ];
    for (const [body, pointer] of cases) {
      const r = await bulk(m.staff, body);
      expect(r.status, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`).toBe(400);
      expect(r.body.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    for (const body of [[], 'x', null, 7]) expect((await bulk(m.staff, body)).status).toBe(400);
    expect((await bulk(undefined, { action: 'cancel', orders: [missing] })).status).toBe(401);
  });
});
