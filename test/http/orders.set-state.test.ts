import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  act,
  addRolePermission,
  approvedOrder,
  createOrder,
  dashed,
  expectAct,
  forceState,
  getOrder,
  hexId,
  type OrderView,
  orderRow,
  type ProblemView,
  resourceOrder,
  resourceRow,
  resourceState,
  rowCounts,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
let basic: Marketplace;

// test_order_set_state.py: Marketplace.Slurm, and the offering manager granted ORDER.APPROVE.
beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  basic = { ...m, offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Basic' }) };
  await addRolePermission(s.tdb.db, 'OFFERING.MANAGER', 'ORDER.APPROVE');
});
afterAll(() => s.close());

const providers = () => [m.staff, m.providerOwner, m.offeringManager];
const consumers = () => [m.owner, m.projectAdmin, m.projectManager];
const executingOrder = () => approvedOrder(s, m);
async function erredOrder(by: TestUser = m.staff): Promise<OrderView> {
  const o = await executingOrder();
  await expectAct(s, o.uuid, 'set_state_erred', by, 200, { error_message: 'boom', error_traceback: 'tb' });
  return getOrder(s, o.uuid, m.staff);
}

describe('OrderSetStateExecutingTest', () => {
  it('staff, the provider owner and the offering manager move a pending-consumer order to executing (no review stamps)', async () => {
    for (const user of providers()) {
      const o = await createOrder(s, m, m.projectAdmin);
      await expectAct(s, o.uuid, 'set_state_executing', user, 200);
      const after = await getOrder(s, o.uuid, m.staff);
      expect(after.state).toBe('executing');
      expect(after.consumer_reviewed_by).toBeNull();
      expect(after.provider_reviewed_by).toBeNull();
      expect(after.attempt_count).toBe(1);
    }
  });

  it('also from pending-provider and erred (200)', async () => {
    const pp = await createOrder(s, m, m.owner);
    await expectAct(s, pp.uuid, 'set_state_executing', m.providerOwner, 200);
    const erred = await erredOrder();
    await expectAct(s, erred.uuid, 'set_state_executing', m.offeringManager, 200);
    expect((await getOrder(s, erred.uuid, m.staff)).state).toBe('executing');
  });

  it('executing and done orders are a 409', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'set_state_executing', m.staff, 409);
    await expectAct(s, o.uuid, 'set_state_done', m.staff, 200);
    await expectAct(s, o.uuid, 'set_state_executing', m.staff, 409);
  });

  it('a pending-start-date order is a 409 (only pending-consumer, pending-provider and erred are accepted)', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const o = await createOrder(s, m, m.owner, { start_date: tomorrow });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('pending-start-date');
    const r = await act<ProblemView>(s, o.uuid, 'set_state_executing', m.staff);
    expect(r.status).toBe(409);
    expect(r.body.detail).toBe('Valid states for operation: pending-consumer, pending-provider, erred.');
  });

  it('consumer roles are refused (403)', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    for (const user of consumers()) await expectAct(s, o.uuid, 'set_state_executing', user, 403);
  });

  it('a Basic order is a 405', async () => {
    const o = await createOrder(s, basic, m.projectAdmin);
    const r = await act<ProblemView>(s, o.uuid, 'set_state_executing', m.staff);
    expect(r.status).toBe(405);
    expect(r.body.detail).toBe(
      "The order's offering with Marketplace.Basic type does not support this action",
    );
  });
});

describe('OrderSetStateDoneTest', () => {
  it('staff, the provider owner and the offering manager complete an executing order; the resource is OK', async () => {
    for (const user of providers()) {
      const o = await executingOrder();
      await expectAct(s, o.uuid, 'set_state_done', user, 200);
      const after = await getOrder(s, o.uuid, m.staff);
      expect(after.state).toBe('done');
      expect(after.completed_at).not.toBeNull();
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
    }
  });

  it('only executing orders can be completed (409)', async () => {
    const pp = await createOrder(s, m, m.owner);
    const r = await act<ProblemView>(s, pp.uuid, 'set_state_done', m.providerOwner);
    expect(r.status).toBe(409);
    expect(r.body.detail).toBe('Valid states for operation: executing.');
    const erred = await erredOrder();
    await expectAct(s, erred.uuid, 'set_state_done', m.providerOwner, 409);
  });

  it('consumer roles are refused (403)', async () => {
    const o = await executingOrder();
    for (const user of consumers()) await expectAct(s, o.uuid, 'set_state_done', user, 403);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('executing');
  });

  it('OrderSetStateDoneOptionsUpdateTest: an UPDATE with new_options merges them; the resource goes Updating → OK', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'set_state_done', m.staff, 200);
    await s.tdb.db
      .updateTable('resources')
      .set({ options: { keep: 'yes', size: 'S' } })
      .where('uuid', '=', dashed(o.marketplace_resource_uuid))
      .execute();
    const update = await resourceOrder(s.tdb.db, m.owner, o.marketplace_resource_uuid, {
      type: 'Update',
      attributes: { old_options: { size: 'S' }, new_options: { size: 'L' } },
    });
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Updating');
    await expectAct(s, update, 'approve_by_provider', m.providerOwner, 200, {});
    await expectAct(s, update, 'set_state_done', m.offeringManager, 200);
    const res = await resourceRow(s.tdb.db, o.marketplace_resource_uuid);
    expect(res).toMatchObject({ state: 2, options: { keep: 'yes', size: 'L' } });
  });

  it('a TERMINATE completed by the agent leaves the resource Terminated', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'set_state_done', m.staff, 200);
    const t = await resourceOrder(s.tdb.db, m.owner, o.marketplace_resource_uuid, { type: 'Terminate' });
    await expectAct(s, t, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, t, m.staff)).state).toBe('executing');
    await expectAct(s, t, 'set_state_done', m.providerOwner, 200);
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
  });

  it('a Support order can be completed too', async () => {
    const support = {
      ...m,
      offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Support.OfferingTemplate' }),
    };
    const o = await createOrder(s, support, m.owner);
    expect(o.state).toBe('executing');
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200);
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });

  it('§17 c: the URL order is the one completed, even when another executing order of that type exists', async () => {
    const a = await executingOrder();
    const rowA = await orderRow(s.tdb.db, a.uuid);
    const { id: _id, uuid: _uuid, ...copy } = rowA;
    const b = await s.tdb.db.insertInto('orders').values(copy).returning('uuid').executeTakeFirstOrThrow();
    await expectAct(s, hexId(b.uuid), 'set_state_done', m.providerOwner, 200);
    expect((await getOrder(s, hexId(b.uuid), m.staff)).state).toBe('done');
    expect((await getOrder(s, a.uuid, m.staff)).state).toBe('executing');
    expect(await resourceState(s.tdb.db, a.marketplace_resource_uuid)).toBe('OK');
  });

  it('§17 c: 409 naming the order and both states when the resource cannot take the outcome; nothing changes', async () => {
    const o = await executingOrder();
    await forceState(s.tdb.db, o, 'executing', 'Terminated');
    const before = await rowCounts(s.tdb.db);
    const r = await act<ProblemView>(s, o.uuid, 'set_state_done', m.providerOwner);
    expect(r.status).toBe(409);
    expect(r.body.detail.replace(/-/g, '')).toContain(o.uuid);
    expect(r.body.detail).toContain('executing');
    expect(r.body.detail).toContain('Terminated');
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('executing');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
    expect(await rowCounts(s.tdb.db)).toEqual(before);
  });
});

describe('OrderSetStateErredTest', () => {
  it('staff, the provider owner and the offering manager mark an order erred with message, traceback and error_updated_at', async () => {
    for (const user of providers()) {
      const o = await executingOrder();
      const body = { error_message: `failed for ${user.username}`, error_traceback: 'Traceback: line 1' };
      await expectAct(s, o.uuid, 'set_state_erred', user, 200, body);
      const after = await getOrder(s, o.uuid, m.staff);
      expect(after).toMatchObject({ state: 'erred', ...body, completed_at: null });
      expect(after.error_updated_at).not.toBeNull();
      expect((await getOrder(s, o.uuid, m.owner)).error_traceback).toBe('');
      expect((await getOrder(s, o.uuid, m.support)).error_traceback).toBe('Traceback: line 1');
    }
  });

  it('works from pending-provider and pending-consumer (no state check)', async () => {
    for (const creator of [m.owner, m.projectAdmin]) {
      const o = await createOrder(s, m, creator);
      await expectAct(s, o.uuid, 'set_state_erred', m.providerOwner, 200, {
        error_message: 'x',
        error_traceback: '',
      });
      expect((await getOrder(s, o.uuid, m.staff)).state).toBe('erred');
    }
  });

  it('does not touch completed_at (a done order keeps its completion time)', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'set_state_done', m.staff, 200);
    const done = await getOrder(s, o.uuid, m.staff);
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, {
      error_message: 'late',
      error_traceback: '',
    });
    const after = await getOrder(s, o.uuid, m.staff);
    expect(after.state).toBe('erred');
    expect(after.completed_at).toBe(done.completed_at);
  });

  it('an absent body stores empty error fields', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200);
    expect(await getOrder(s, o.uuid, m.staff)).toMatchObject({
      state: 'erred',
      error_message: '',
      error_traceback: '',
    });
  });

  it('CREATE with a backend_id → resource Erred; without → Terminated', async () => {
    const withId = await executingOrder();
    await s.tdb.db
      .updateTable('resources')
      .set({ backend_id: 'slurm-acc-1' })
      .where('uuid', '=', dashed(withId.marketplace_resource_uuid))
      .execute();
    await expectAct(s, withId.uuid, 'set_state_erred', m.staff, 200, {
      error_message: 'e',
      error_traceback: '',
    });
    expect(await resourceState(s.tdb.db, withId.marketplace_resource_uuid)).toBe('Erred');
    const without = await executingOrder();
    await expectAct(s, without.uuid, 'set_state_erred', m.staff, 200, {
      error_message: 'e',
      error_traceback: '',
    });
    expect(await resourceState(s.tdb.db, without.marketplace_resource_uuid)).toBe('Terminated');
  });

  it('TERMINATE erred → resource back to OK', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'set_state_done', m.staff, 200);
    const t = await resourceOrder(s.tdb.db, m.owner, o.marketplace_resource_uuid, { type: 'Terminate' });
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminating');
    await expectAct(s, t, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'cannot',
      error_traceback: '',
    });
    expect((await getOrder(s, t, m.staff)).state).toBe('erred');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });

  it('consumer roles are refused (403)', async () => {
    const o = await executingOrder();
    for (const user of consumers()) {
      await expectAct(s, o.uuid, 'set_state_erred', user, 403, { error_message: 'x', error_traceback: '' });
    }
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('executing');
  });

  it('a Basic order is a 405', async () => {
    const o = await createOrder(s, basic, m.owner);
    const r = await act<ProblemView>(s, o.uuid, 'set_state_erred', m.staff, {
      error_message: 'x',
      error_traceback: '',
    });
    expect(r.status).toBe(405);
    expect(r.body.detail).toBe(
      "The order's offering with Marketplace.Basic type does not support this action",
    );
  });
});

describe('set_backend_id and unlink (§7.16, §7.17)', () => {
  it("set_backend_id answers Waldur's status texts and stores the id", async () => {
    const o = await executingOrder();
    const first = await expectAct(s, o.uuid, 'set_backend_id', m.offeringManager, 200, {
      backend_id: 'job-7',
    });
    expect(first.body).toEqual({ status: 'Order backend_id has been changed.' });
    const again = await expectAct(s, o.uuid, 'set_backend_id', m.providerOwner, 200, { backend_id: 'job-7' });
    expect(again.body).toEqual({ status: 'Order backend_id is not changed.' });
    expect((await getOrder(s, o.uuid, m.owner)).backend_id).toBe('job-7');
  });

  it('unlink (staff) removes the order without touching its resource', async () => {
    const o = await executingOrder();
    await expectAct(s, o.uuid, 'unlink', m.staff, 204);
    expect(
      (await s.request('GET', `/api/marketplace-orders/${o.uuid}/`, { token: m.staff.token })).status,
    ).toBe(404);
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
  });
});
