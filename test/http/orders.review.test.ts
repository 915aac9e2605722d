import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  act,
  addRolePermission,
  approvedOrder,
  createOrder,
  expectAct,
  getOrder,
  type ProblemView,
  removeRolePermission,
  resourceOrder,
  resourceRow,
  resourceState,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

const block = (customerId: number, blocked: boolean) =>
  s.tdb.db.updateTable('customers').set({ blocked }).where('id', '=', customerId).execute();

describe('OrderApproveByConsumerTest', () => {
  it('the organization owner approves (200) and is stamped as consumer reviewer; Basic then waits for the provider', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    const after = await getOrder(s, o.uuid, m.owner);
    expect(after.state).toBe('pending-provider');
    expect(after.consumer_reviewed_by).toBe(m.owner.username);
    expect(after.consumer_reviewed_at).not.toBeNull();
  });

  it('staff approve as consumer (200)', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.staff, 200);
  });

  it('the project manager and admin are refused (403) by default and allowed when granted ORDER.APPROVE', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.projectManager, 403);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.projectAdmin, 403);
    await addRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.APPROVE');
    try {
      await expectAct(s, o.uuid, 'approve_by_consumer', m.projectManager, 200);
    } finally {
      await removeRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.APPROVE');
    }
  });

  it('re-approving an executing order is a 409', async () => {
    const support = {
      ...m,
      offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Support.OfferingTemplate' }),
    };
    const o = await createOrder(s, support, m.projectAdmin);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    const again = await act<ProblemView>(s, o.uuid, 'approve_by_consumer', m.owner);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('Valid states for operation: pending-consumer.');
  });

  it('a blocked organization cannot approve (400)', async () => {
    const b = await makeMarketplace(s.tdb.db);
    const o = await createOrder(s, b, b.projectAdmin);
    await block(b.customer.id, true);
    await expectAct(s, o.uuid, 'approve_by_consumer', b.owner, 400);
    expect((await getOrder(s, o.uuid, b.owner)).state).toBe('pending-consumer');
  });

  it('an expired project cannot approve (400)', async () => {
    const project = await makeProject(s.tdb.db, m.customer.id);
    await grant(s.tdb.db, m.projectAdmin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    const o = await createOrder(s, { ...m, project }, m.projectAdmin);
    await s.tdb.db
      .updateTable('projects')
      .set({ end_date: '2001-01-01' })
      .where('id', '=', project.id)
      .execute();
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 400);
  });
});

describe('OrderUpdateTest (PUT/PATCH before consumer approval)', () => {
  it('the owner edits limits and attributes of a pending-consumer order; the CREATE resource follows', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const r = await s.request<Record<string, unknown>>('PATCH', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.owner.token,
      body: { limits: { cpu: 6 }, attributes: { name: 'renamed' } },
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ limits: { cpu: 6 }, attributes: { name: 'renamed' } });
    const res = await resourceRow(s.tdb.db, o.marketplace_resource_uuid);
    expect(res).toMatchObject({ limits: { cpu: 6 }, name: 'renamed' });
  });

  it('an order past pending-consumer cannot be edited (409)', async () => {
    const o = await createOrder(s, m, m.owner);
    const r = await s.request('PUT', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.owner.token,
      body: { limits: { cpu: 6 } },
    });
    expect(r.status, r.text).toBe(409);
    expect((await getOrder(s, o.uuid, m.owner)).limits).toEqual({ cpu: 2 });
  });
});

describe('OrderApproveByProviderTest', () => {
  it('Basic CREATE approved → order done, resource OK, provider stamped, completed_at set', async () => {
    const o = await createOrder(s, m, m.owner);
    const r = await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect(r.body).toHaveProperty('detail');
    const after = await getOrder(s, o.uuid, m.owner);
    expect(after.state).toBe('done');
    expect(after.provider_reviewed_by).toBe(m.providerOwner.username);
    expect(after.completed_at).not.toBeNull();
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });

  it('attributes in the body are merged into the order', async () => {
    const o = await createOrder(s, m, m.owner, { attributes: { name: 'merge-me', keep: 1 } });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, { attributes: { extra: 'x' } });
    expect((await getOrder(s, o.uuid, m.owner)).attributes).toEqual({
      name: 'merge-me',
      keep: 1,
      extra: 'x',
    });
  });

  it('Basic UPDATE approved → resource OK with the new limits and plan', async () => {
    const created = await approvedOrder(s, m);
    const plan = await s.tdb.db
      .insertInto('plans')
      .values({ offering_id: m.offering.id, name: 'Bigger', unit_price: '20' })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const uuid = await resourceOrder(s.tdb.db, m.owner, created.marketplace_resource_uuid, {
      type: 'Update',
      limits: { cpu: 7 },
      planId: plan.id,
      attributes: { old_limits: { cpu: 2 } },
    });
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Updating');
    await expectAct(s, uuid, 'approve_by_provider', m.providerOwner, 200, {});
    const res = await resourceRow(s.tdb.db, created.marketplace_resource_uuid);
    expect(res.state).toBe(2);
    expect(res.limits).toEqual({ cpu: 7 });
    expect(res.plan_id).toBe(plan.id);
    expect((await getOrder(s, uuid, m.owner)).state).toBe('done');
  });

  it('Basic TERMINATE approved → resource Terminated', async () => {
    const created = await approvedOrder(s, m);
    const uuid = await resourceOrder(s.tdb.db, m.owner, created.marketplace_resource_uuid, {
      type: 'Terminate',
    });
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Terminating');
    await expectAct(s, uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Terminated');
  });

  it('consumer roles cannot approve as provider (403); a pending-consumer order is a 409', async () => {
    const o = await createOrder(s, m, m.owner);
    for (const user of [m.owner, m.projectAdmin, m.projectManager]) {
      await expectAct(s, o.uuid, 'approve_by_provider', user, 403, {});
    }
    const pc = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, pc.uuid, 'approve_by_provider', m.providerOwner, 409, {});
  });

  it('the service provider manager and the offering manager approve as provider (orders §9.3)', async () => {
    for (const user of [m.customerManager, m.offeringManager]) {
      const o = await createOrder(s, m, m.owner);
      await expectAct(s, o.uuid, 'approve_by_provider', user, 200, {});
    }
  });

  it('the provider organization blocked → 400', async () => {
    const b = await makeMarketplace(s.tdb.db);
    const o = await createOrder(s, b, b.owner);
    await block(b.customer.id, true);
    await expectAct(s, o.uuid, 'approve_by_provider', b.providerOwner, 400, {});
  });
});

describe('OrderRejectByConsumerTest', () => {
  it('staff, the owner and the creator reject (200) → rejected, resource Terminated', async () => {
    for (const user of [m.staff, m.owner, m.projectAdmin]) {
      const o = await createOrder(s, m, m.projectAdmin);
      await expectAct(s, o.uuid, 'reject_by_consumer', user, 200, {});
      const after = await getOrder(s, o.uuid, m.owner);
      expect(after.state).toBe('rejected');
      expect(after.consumer_reviewed_by).toBe(user.username);
      expect(after.completed_at).not.toBeNull();
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
    }
  });

  it('the project manager (not the creator) needs ORDER.REJECT', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'reject_by_consumer', m.projectManager, 403, {});
    await addRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.REJECT');
    try {
      await expectAct(s, o.uuid, 'reject_by_consumer', m.projectManager, 200, {});
    } finally {
      await removeRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.REJECT');
    }
  });

  it('global support cannot reject (403)', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'reject_by_consumer', m.support, 403, {});
  });

  it('rejecting an already rejected order is a 409', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'reject_by_consumer', m.owner, 200);
    await expectAct(s, o.uuid, 'reject_by_consumer', m.owner, 409);
  });

  it('a blocked organization cannot reject (400)', async () => {
    const b = await makeMarketplace(s.tdb.db);
    const o = await createOrder(s, b, b.projectAdmin);
    await block(b.customer.id, true);
    await expectAct(s, o.uuid, 'reject_by_consumer', b.owner, 400, {});
  });

  it('the comment and errors are stored', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const body = { consumer_rejection_comment: 'not needed', error_message: 'why', error_traceback: 'tb' };
    await expectAct(s, o.uuid, 'reject_by_consumer', m.owner, 200, body);
    const after = await getOrder(s, o.uuid, m.staff);
    expect(after).toMatchObject({
      consumer_rejection_comment: 'not needed',
      error_message: 'why',
      error_traceback: 'tb',
    });
    expect(after.error_updated_at).not.toBeNull();
  });

  it('"Review of order by consumer is not required." (400) when the creator could approve it themselves', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await addRolePermission(s.tdb.db, 'PROJECT.ADMIN', 'ORDER.APPROVE');
    try {
      const r = await act<ProblemView>(s, o.uuid, 'reject_by_consumer', m.owner, {});
      expect(r.status).toBe(400);
      expect(r.body.detail).toBe('Review of order by consumer is not required.');
    } finally {
      await removeRolePermission(s.tdb.db, 'PROJECT.ADMIN', 'ORDER.APPROVE');
    }
  });
});

describe('OrderRejectByProviderTest', () => {
  it('staff and the provider owner reject (200); the comment is stored and the CREATE resource is Terminated', async () => {
    for (const user of [m.staff, m.providerOwner]) {
      const o = await createOrder(s, m, m.owner);
      await expectAct(s, o.uuid, 'reject_by_provider', user, 200, {
        provider_rejection_comment: 'no capacity',
      });
      const after = await getOrder(s, o.uuid, m.owner);
      expect(after.state).toBe('rejected');
      expect(after.provider_rejection_comment).toBe('no capacity');
      expect(after.provider_reviewed_by).toBe(user.username);
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
    }
  });

  it('the project admin and manager are refused (403)', async () => {
    const o = await createOrder(s, m, m.owner);
    await expectAct(s, o.uuid, 'reject_by_provider', m.projectAdmin, 403, {});
    await expectAct(s, o.uuid, 'reject_by_provider', m.projectManager, 403, {});
  });

  it('CANCELED and EXECUTING orders cannot be rejected (409)', async () => {
    const canceled = await createOrder(s, m, m.owner);
    await expectAct(s, canceled.uuid, 'cancel', m.owner, 202);
    await expectAct(s, canceled.uuid, 'reject_by_provider', m.providerOwner, 409, {});
    const slurm = {
      ...m,
      offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' }),
    };
    const executing = await approvedOrder(s, slurm);
    expect(executing.state).toBe('executing');
    await expectAct(s, executing.uuid, 'reject_by_provider', m.providerOwner, 409, {});
  });

  it('an UPDATE rejected leaves the resource OK with its old limits; a TERMINATE rejected leaves it OK', async () => {
    const created = await approvedOrder(s, m);
    const update = await resourceOrder(s.tdb.db, m.owner, created.marketplace_resource_uuid, {
      type: 'Update',
      limits: { cpu: 9 },
      attributes: { old_limits: { cpu: 2 } },
    });
    await expectAct(s, update, 'reject_by_provider', m.providerOwner, 200, {});
    const res = await resourceRow(s.tdb.db, created.marketplace_resource_uuid);
    expect(res.state).toBe(2);
    expect(res.limits).toEqual({ cpu: 2 });
    const terminate = await resourceOrder(s.tdb.db, m.owner, created.marketplace_resource_uuid, {
      type: 'Terminate',
    });
    await expectAct(s, terminate, 'reject_by_provider', m.providerOwner, 200, {});
    expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('OK');
  });
});
