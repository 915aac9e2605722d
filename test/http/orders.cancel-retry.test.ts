import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  type AttemptView,
  act,
  addRolePermission,
  approvedOrder,
  createOrder,
  dashed,
  expectAct,
  forceState,
  getOrder,
  type OrderView,
  type ProblemView,
  resourceOrder,
  resourceRow,
  resourceState,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
let support: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  support = {
    ...m,
    offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Support.OfferingTemplate' }),
  };
  await addRolePermission(s.tdb.db, 'OFFERING.MANAGER', 'ORDER.APPROVE');
});
afterAll(() => s.close());

const withType = async (type: string): Promise<Marketplace> => ({
  ...m,
  offering: await makeOffering(s.tdb.db, m.provider.id, { type }),
});

/** A Slurm CREATE order: approved by the provider, then reported failed by the agent. */
async function erredSlurmOrder(message = 'sbatch: error', traceback = 'Traceback (most recent call last)') {
  const o = await approvedOrder(s, m);
  await expectAct(s, o.uuid, 'set_state_erred', m.providerOwner, 200, {
    error_message: message,
    error_traceback: traceback,
  });
  return getOrder(s, o.uuid, m.staff);
}

describe('OrderCancelTest (Support offering)', () => {
  it('staff, owner, project admin and project manager cancel (202) → canceled, Create resource Terminated', async () => {
    for (const user of [m.staff, m.owner, m.projectAdmin, m.projectManager]) {
      const o = await createOrder(s, support, m.projectAdmin);
      await expectAct(s, o.uuid, 'cancel', user, 202);
      const after = await getOrder(s, o.uuid, m.owner);
      expect(after.state).toBe('canceled');
      expect(after.completed_at).not.toBeNull();
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
    }
  });

  it('an executing Support order can be canceled too', async () => {
    const o = await createOrder(s, support, m.owner);
    expect(o.state).toBe('executing');
    await expectAct(s, o.uuid, 'cancel', m.owner, 202);
  });

  it('done, erred and canceled orders are a 409', async () => {
    const done = await createOrder(s, support, m.owner);
    await expectAct(s, done.uuid, 'set_state_done', m.providerOwner, 200);
    const erred = await createOrder(s, support, m.owner);
    await forceState(s.tdb.db, erred, 'erred', 'Erred');
    const canceled = await createOrder(s, support, m.owner);
    await expectAct(s, canceled.uuid, 'cancel', m.owner, 202);
    for (const o of [done, erred, canceled]) {
      const r = await act<ProblemView>(s, o.uuid, 'cancel', m.owner);
      expect(r.status, r.text).toBe(409);
    }
  });

  it('a pending-start-date order can be canceled (new since [MM24])', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const o = await createOrder(s, support, m.projectAdmin, { start_date: tomorrow });
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-start-date');
    await expectAct(s, o.uuid, 'cancel', m.projectManager, 202);
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('canceled');
  });

  it("an OpenStack.Tenant order is a 405 with Waldur's text", async () => {
    const tenant = await withType('OpenStack.Tenant');
    const o = await createOrder(s, tenant, m.projectAdmin);
    expect(o.state).toBe('pending-consumer');
    const r = await act<ProblemView>(s, o.uuid, 'cancel', m.owner);
    expect(r.status).toBe(405);
    expect(r.body.detail).toBe(
      "The order's offering with OpenStack.Tenant type does not support this action",
    );
  });

  it('the state check comes before the type check (quirk 8): a done Slurm order is a 409, a pending one 405', async () => {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'cancel', m.owner, 405);
    await expectAct(s, o.uuid, 'set_state_done', m.staff, 200);
    await expectAct(s, o.uuid, 'cancel', m.owner, 409);
  });
});

describe('OrderRetryTest', () => {
  it('CREATE → executing, error fields "", completed_at null, resource Creating with its errors cleared', async () => {
    const o = await erredSlurmOrder();
    await s.tdb.db
      .updateTable('resources')
      .set({ error_message: 'resource broke', error_traceback: 'resource tb' })
      .where('uuid', '=', dashed(o.marketplace_resource_uuid))
      .execute();
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
    const r = await expectAct(s, o.uuid, 'retry', m.providerOwner, 200);
    expect(r.body).toEqual({ detail: 'Order has been submitted for retry.' });
    const after = await getOrder(s, o.uuid, m.staff);
    expect(after).toMatchObject({
      state: 'executing',
      error_message: '',
      error_traceback: '',
      completed_at: null,
    });
    const res = await resourceRow(s.tdb.db, o.marketplace_resource_uuid);
    expect(res).toMatchObject({ state: 1, error_message: '', error_traceback: '' });
  });

  it('a retry clears the error fields, so their error_updated_at moves forward (§2.1)', async () => {
    const o = await erredSlurmOrder();
    await expectAct(s, o.uuid, 'retry', m.staff, 200);
    const after = await getOrder(s, o.uuid, m.staff);
    expect(Date.parse(after.error_updated_at ?? '')).toBeGreaterThan(Date.parse(o.error_updated_at ?? ''));
  });

  it('staff, the provider owner and the offering manager retry (200); consumer roles are refused (403)', async () => {
    for (const user of [m.staff, m.providerOwner, m.offeringManager]) {
      const o = await erredSlurmOrder();
      await expectAct(s, o.uuid, 'retry', user, 200);
    }
    const o = await erredSlurmOrder();
    for (const user of [m.owner, m.projectAdmin, m.projectManager])
      await expectAct(s, o.uuid, 'retry', user, 403);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('erred');
  });

  it('an order that is not erred is a 409', async () => {
    const executing = await approvedOrder(s, m);
    const r = await act<ProblemView>(s, executing.uuid, 'retry', m.staff);
    expect(r.status).toBe(409);
    expect(r.body.detail).toBe('Valid states for operation: erred.');
    await expectAct(s, (await createOrder(s, m, m.owner)).uuid, 'retry', m.staff, 409);
  });

  it('a Support order is a 405 with the retry text', async () => {
    const o = await createOrder(s, support, m.owner);
    await forceState(s.tdb.db, o, 'erred', 'Erred');
    const r = await act<ProblemView>(s, o.uuid, 'retry', m.staff);
    expect(r.status).toBe(405);
    expect(r.body.detail).toBe('Retry is not supported for offerings of type Support.OfferingTemplate');
  });

  it('a RESTORE order cannot be retried (400)', async () => {
    const o = await erredSlurmOrder();
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
    const restore = await resourceOrder(s.tdb.db, m.owner, o.marketplace_resource_uuid, { type: 'Restore' });
    await expectAct(s, restore, 'set_state_erred', m.staff, 200, {
      error_message: 'no',
      error_traceback: '',
    });
    const r = await act<ProblemView>(s, restore, 'retry', m.staff);
    expect(r.status, r.text).toBe(400);
    expect((await getOrder(s, restore, m.staff)).state).toBe('erred');
  });

  it("a resource that cannot take the retry state is a 400 with Waldur's text", async () => {
    const o = await erredSlurmOrder();
    await forceState(s.tdb.db, o, 'erred', 'OK');
    const r = await act<ProblemView>(s, o.uuid, 'retry', m.staff);
    expect(r.status, r.text).toBe(400);
    expect(r.body.detail).toBe('Cannot retry: resource state OK does not allow transition.');
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('erred');
  });

  it('an erred Basic order can be retried and completes at once', async () => {
    const basic = await withType('Marketplace.Basic');
    const o = await createOrder(s, basic, m.owner);
    await forceState(s.tdb.db, o, 'erred', 'Erred');
    await expectAct(s, o.uuid, 'retry', m.providerOwner, 200);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('done');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });
});

describe('seed 000: retry moves the resource by order type', () => {
  /** An OK Slurm resource: created, approved and completed by the agent. */
  async function okResource(): Promise<OrderView> {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200);
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
    return o;
  }

  it('Create → Creating', async () => {
    const o = await erredSlurmOrder();
    await expectAct(s, o.uuid, 'retry', m.providerOwner, 200);
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
  });

  /** A resource action that creates an order (orders spec §8): 200 `{order_uuid}`. */
  async function resourceAction(resourceUuid: string, action: string, body: unknown): Promise<string> {
    const r = await s.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${resourceUuid}/${action}/`,
      { token: m.owner.token, body },
    );
    expect(r.status, r.text).toBe(200);
    return r.body.order_uuid;
  }

  it('Update → Updating', async () => {
    const created = await okResource();
    const uuid = await resourceAction(created.marketplace_resource_uuid, 'update_limits', {
      limits: { cpu: 8 },
    });
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Updating');
    await expectAct(s, uuid, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'quota',
      error_traceback: '',
    });
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Erred');
    await expectAct(s, uuid, 'retry', m.providerOwner, 200);
    expect((await getOrder(s, uuid, m.staff)).state).toBe('executing');
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Updating');
  });

  it('Terminate (resource OK) → Terminating', async () => {
    const created = await okResource();
    const uuid = await resourceAction(created.marketplace_resource_uuid, 'terminate', {});
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Terminating');
    await expectAct(s, uuid, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'busy',
      error_traceback: '',
    });
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('OK');
    await expectAct(s, uuid, 'retry', m.providerOwner, 200);
    expect((await getOrder(s, uuid, m.staff)).state).toBe('executing');
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Terminating');
  });
});

describe('§17 a: retry never destroys history', () => {
  it('after a retry, attempts still list attempt 1 with the old error; only staff and support see the traceback', async () => {
    const o = await erredSlurmOrder('sbatch: invalid account', 'Traceback: slurm.py line 42');
    await expectAct(s, o.uuid, 'retry', m.offeringManager, 200);
    const path = `/api/marketplace-orders/${o.uuid}/attempts/`;
    const asStaff = await s.request<AttemptView[]>('GET', path, { token: m.staff.token });
    expect(asStaff.status).toBe(200);
    expect(asStaff.body).toHaveLength(2);
    expect(asStaff.body[0]).toMatchObject({
      attempt_number: 1,
      trigger: 'approval',
      outcome: 'erred',
      error_message: 'sbatch: invalid account',
      error_traceback: 'Traceback: slurm.py line 42',
      started_by_username: m.providerOwner.username,
    });
    expect(asStaff.body[0]?.finished_at).not.toBeNull();
    expect(asStaff.body[1]).toMatchObject({
      attempt_number: 2,
      trigger: 'retry',
      outcome: 'running',
      finished_at: null,
      started_by_username: m.offeringManager.username,
    });
    const asSupport = await s.request<AttemptView[]>('GET', path, { token: m.support.token });
    expect(asSupport.body[0]?.error_traceback).toBe('Traceback: slurm.py line 42');
    const asConsumer = await s.request<AttemptView[]>('GET', path, { token: m.owner.token });
    expect(asConsumer.status).toBe(200);
    expect(asConsumer.body[0]).toMatchObject({
      error_message: 'sbatch: invalid account',
      error_traceback: '',
    });
    expect((await getOrder(s, o.uuid, m.owner)).attempt_count).toBe(2);
    expect((await s.request('GET', path, { token: m.outsider.token })).status).toBe(404);
  });

  it('an attempt closed by leaving EXECUTING keeps the order and resource errors as they became', async () => {
    const o = await approvedOrder(s, m);
    // The resource's own error (written by whoever reported it) is what the attempt keeps.
    await s.tdb.db
      .updateTable('resources')
      .set({ error_message: 'quota exceeded', error_traceback: 'quota.py' })
      .where('uuid', '=', o.marketplace_resource_uuid)
      .execute();
    await expectAct(s, o.uuid, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'sbatch: no partition',
      error_traceback: 'Traceback: partition',
    });
    const attempt = await s.tdb.db
      .selectFrom('order_attempts as a')
      .innerJoin('orders as o', 'o.id', 'a.order_id')
      .innerJoin('resources as r', 'r.id', 'o.resource_id')
      .select([
        'a.outcome',
        'a.error_message',
        'a.error_traceback',
        'a.output',
        'a.resource_error_message',
        'a.resource_error_traceback',
        'a.finished_at',
        'o.output as order_output',
        'r.error_message as resource_message',
        'r.error_traceback as resource_traceback',
      ])
      .where('o.uuid', '=', o.uuid)
      .executeTakeFirstOrThrow();
    expect(attempt).toMatchObject({
      outcome: 'erred',
      error_message: 'sbatch: no partition',
      error_traceback: 'Traceback: partition',
      output: attempt.order_output,
      resource_error_message: attempt.resource_message,
      resource_error_traceback: attempt.resource_traceback,
    });
    expect([attempt.resource_message, attempt.resource_traceback]).toEqual(['quota exceeded', 'quota.py']);
    expect(attempt.finished_at).not.toBeNull();
  });

  it('set_state_erred outside EXECUTING still records a closed attempt with the error', async () => {
    const o = await createOrder(s, m, m.owner);
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, {
      error_message: 'early',
      error_traceback: '',
    });
    const r = await s.request<AttemptView[]>('GET', `/api/marketplace-orders/${o.uuid}/attempts/`, {
      token: m.staff.token,
    });
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({ attempt_number: 1, outcome: 'erred', error_message: 'early' });
    expect(r.body[0]?.finished_at).not.toBeNull();
  });
});
