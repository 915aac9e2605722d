import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  act,
  addRolePermission,
  createOrder,
  expectAct,
  getOrder,
  removeRolePermission,
  resourceOrder,
  resourceState,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

/** `YYYY-MM-DD` `days` from today (UTC). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A marketplace view whose offering is `type`, owned by `customerId`, with the given sharing and options. */
async function withOffering(
  type: string,
  opts: { customerId?: number; shared?: boolean; pluginOptions?: Record<string, unknown> } = {},
): Promise<Marketplace> {
  const offering = await makeOffering(s.tdb.db, opts.customerId ?? m.provider.id, {
    type,
    shared: opts.shared ?? true,
    pluginOptions: opts.pluginOptions ?? {},
  });
  return { ...m, offering };
}

describe('OrderNotificationCreateTest: routing at creation', () => {
  it('staff and the organization owner skip consumer review: a Basic order waits for the provider', async () => {
    for (const user of [m.staff, m.owner]) {
      const o = await createOrder(s, m, user);
      expect(o.state).toBe('pending-provider');
      expect(o.consumer_reviewed_by).toBe(user.username);
      expect(o.consumer_reviewed_at).not.toBeNull();
    }
  });

  it('the project admin and manager need consumer review (pending-consumer) on a public offering', async () => {
    for (const user of [m.projectAdmin, m.projectManager]) {
      const o = await createOrder(s, m, user);
      expect(o.state).toBe('pending-consumer');
      expect(o.consumer_reviewed_by).toBeNull();
    }
  });

  it('a project admin granted ORDER.APPROVE skips consumer review', async () => {
    await addRolePermission(s.tdb.db, 'PROJECT.ADMIN', 'ORDER.APPROVE');
    try {
      expect((await createOrder(s, m, m.projectAdmin)).state).toBe('pending-provider');
      expect((await createOrder(s, m, m.projectManager)).state).toBe('pending-consumer');
    } finally {
      await removeRolePermission(s.tdb.db, 'PROJECT.ADMIN', 'ORDER.APPROVE');
    }
  });

  it('a private offering is auto-approved for holders of ORDER.APPROVE_PRIVATE (executing on a type without provider review)', async () => {
    const priv = await withOffering('Support.OfferingTemplate', { customerId: m.customer.id, shared: false });
    for (const user of [m.staff, m.owner, m.projectAdmin, m.projectManager]) {
      const o = await createOrder(s, priv, user);
      expect(o.state).toBe('executing');
      expect(o.attempt_count).toBe(1);
    }
    const basic = await withOffering('Marketplace.Basic', { customerId: m.customer.id, shared: false });
    expect((await createOrder(s, basic, m.projectAdmin)).state).toBe('pending-provider');
  });

  it('without ORDER.APPROVE_PRIVATE the private offering needs consumer review', async () => {
    const priv = await withOffering('Support.OfferingTemplate', { customerId: m.customer.id, shared: false });
    await removeRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.APPROVE_PRIVATE');
    try {
      expect((await createOrder(s, priv, m.projectManager)).state).toBe('pending-consumer');
      expect((await createOrder(s, priv, m.projectAdmin)).state).toBe('executing');
    } finally {
      await addRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.APPROVE_PRIVATE');
    }
  });

  it('auto_approve_in_service_provider_projects: True → executing, False or disable_autoapprove → pending-consumer', async () => {
    const own = (pluginOptions: Record<string, unknown>) =>
      withOffering('Support.OfferingTemplate', { customerId: m.customer.id, pluginOptions });
    const on = await own({ auto_approve_in_service_provider_projects: true });
    expect((await createOrder(s, on, m.projectAdmin)).state).toBe('executing');
    const off = await own({ auto_approve_in_service_provider_projects: false });
    expect((await createOrder(s, off, m.projectAdmin)).state).toBe('pending-consumer');
    const disabled = await own({
      auto_approve_in_service_provider_projects: true,
      disable_autoapprove: true,
    });
    expect((await createOrder(s, disabled, m.projectAdmin)).state).toBe('pending-consumer');
    const foreign = await withOffering('Support.OfferingTemplate', {
      pluginOptions: { auto_approve_in_service_provider_projects: true },
    });
    expect((await createOrder(s, foreign, m.projectAdmin)).state).toBe('pending-consumer');
  });

  it('auto_approve_for_roles skips consumer review for a listed role', async () => {
    const f = await withOffering('Marketplace.Basic', {
      pluginOptions: { auto_approve_for_roles: ['PROJECT.MANAGER'] },
    });
    expect((await createOrder(s, f, m.projectManager)).state).toBe('pending-provider');
    expect((await createOrder(s, f, m.projectAdmin)).state).toBe('pending-consumer');
  });

  it('require_purchase_order_upload: even staff need consumer review, and approval without a purchase order is a 400', async () => {
    const po = await withOffering('Marketplace.Basic', {
      pluginOptions: { require_purchase_order_upload: true },
    });
    for (const user of [m.staff, m.owner])
      expect((await createOrder(s, po, user)).state).toBe('pending-consumer');
    const o = await createOrder(s, po, m.projectAdmin);
    const r = await act<{ detail: string }>(s, o.uuid, 'approve_by_consumer', m.owner);
    expect(r.status, r.text).toBe(400);
    expect(r.body.detail).toBe('Purchase order is required for approval.');
  });

  it('a TERMINATE requested by the provider organization owner skips consumer review (§5.2 rule 5)', async () => {
    const done = await createOrder(s, m, m.owner);
    await expectAct(s, done.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    const byProvider = await resourceOrder(s.tdb.db, m.providerOwner, done.marketplace_resource_uuid, {
      type: 'Terminate',
    });
    expect((await getOrder(s, byProvider, m.staff)).state).toBe('pending-provider');
    await expectAct(s, byProvider, 'reject_by_provider', m.providerOwner, 200, {});
    const byAdmin = await resourceOrder(s.tdb.db, m.projectAdmin, done.marketplace_resource_uuid, {
      type: 'Terminate',
    });
    expect((await getOrder(s, byAdmin, m.staff)).state).toBe('pending-consumer');
  });

  it('a Support order (no provider review) created by the owner goes straight to executing', async () => {
    const support = await withOffering('Support.OfferingTemplate');
    const o = await createOrder(s, support, m.owner);
    expect(o.state).toBe('executing');
    expect(o.provider_reviewed_by).toBeNull();
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
  });

  it('a Slurm order created by the owner waits for the provider (site agent offerings always need provider review)', async () => {
    const slurm = await withOffering('Marketplace.Slurm');
    expect((await createOrder(s, slurm, m.owner)).state).toBe('pending-provider');
  });
});

describe('approve_by_consumer routing and detail texts', () => {
  it('Basic → pending-provider with "Order is pending provider approval."', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const r = await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    expect(r.body).toEqual({ detail: 'Order is pending provider approval.' });
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-provider');
  });

  it('Support → executing with "Order has been approved and is being processed."', async () => {
    const o = await createOrder(s, await withOffering('Support.OfferingTemplate'), m.projectAdmin);
    const r = await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    expect(r.body).toEqual({ detail: 'Order has been approved and is being processed.' });
    const after = await getOrder(s, o.uuid, m.owner);
    expect(after.state).toBe('executing');
    expect(after.consumer_reviewed_by).toBe(m.owner.username);
  });

  it('a project starting in the future → pending-project with "Order is pending project activation."', async () => {
    const project = await makeProject(s.tdb.db, m.customer.id, { start_date: inDays(10) });
    await grant(s.tdb.db, m.projectAdmin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    const later = { ...m, project };
    const o = await createOrder(s, later, m.projectAdmin);
    expect(o.state).toBe('pending-consumer');
    const r = await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    expect(r.body).toEqual({ detail: 'Order is pending project activation.' });
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-project');
  });

  it('an order start date in the future on a type without provider review → pending-start-date', async () => {
    const support = await withOffering('Support.OfferingTemplate');
    const o = await createOrder(s, support, m.projectAdmin, { start_date: inDays(5) });
    const r = await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    expect(r.body).toEqual({ detail: 'Order is pending start date.' });
    const after = await getOrder(s, o.uuid, m.owner);
    expect(after.state).toBe('pending-start-date');
    expect(after.attempt_count).toBe(0);
  });
});

describe('dates at creation and after provider approval', () => {
  it('a project starting in the future: orders of creators who skip consumer review are pending-project', async () => {
    const project = await makeProject(s.tdb.db, m.customer.id, { start_date: inDays(3) });
    for (const offering of [m.offering, (await withOffering('Support.OfferingTemplate')).offering]) {
      const o = await createOrder(s, { ...m, project, offering }, m.owner);
      expect(o.state).toBe('pending-project');
    }
  });

  it('a project that started today does not hold orders back', async () => {
    const project = await makeProject(s.tdb.db, m.customer.id, { start_date: inDays(0) });
    expect((await createOrder(s, { ...m, project }, m.owner)).state).toBe('pending-provider');
  });

  it('the create-time routing ignores the order start date (quirk 12): skipping both reviews executes at once', async () => {
    const support = await withOffering('Support.OfferingTemplate');
    const o = await createOrder(s, support, m.owner, { start_date: inDays(7) });
    expect(o.state).toBe('executing');
    expect(o.start_date).toBe(inDays(7));
  });

  it('an order start date in the future → pending-start-date after provider approval, nothing processed', async () => {
    const o = await createOrder(s, m, m.owner, { start_date: inDays(4) });
    expect(o.state).toBe('pending-provider');
    const r = await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect(r.body).toEqual({ detail: 'Order is pending start date.' });
    const after = await getOrder(s, o.uuid, m.owner);
    expect(after.state).toBe('pending-start-date');
    expect(after.provider_reviewed_by).toBe(m.providerOwner.username);
    expect(after.attempt_count).toBe(0);
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
  });

  it('a start date of today does not wait: provider approval completes the Basic order', async () => {
    const o = await createOrder(s, m, m.owner, { start_date: inDays(0) });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('done');
  });

  it('a start date outside the project start and end dates is refused (400 naming start_date, §7.1)', async () => {
    const ending = await makeProject(s.tdb.db, m.customer.id, { end_date: inDays(5) });
    const late = await s.request<{ errors?: { pointer: string }[] }>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, { ...m, project: ending }, { start_date: inDays(10) }),
    });
    expect(late.status, late.text).toBe(400);
    expect((late.body.errors ?? []).map((e) => e.pointer)).toContain('/body/start_date');
    const starting = await makeProject(s.tdb.db, m.customer.id, { start_date: inDays(10) });
    const early = await s.request<{ errors?: { pointer: string }[] }>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, { ...m, project: starting }, { start_date: inDays(2) }),
    });
    expect(early.status, early.text).toBe(400);
    expect((early.body.errors ?? []).map((e) => e.pointer)).toContain('/body/start_date');
  });

  it('a start date in the past is refused (400 naming start_date)', async () => {
    const r = await s.request<{ errors?: { pointer: string }[] }>('POST', '/api/marketplace-orders/', {
      token: m.owner.token,
      body: orderBody(s.url, m, { start_date: inDays(-2) }),
    });
    expect(r.status, r.text).toBe(400);
    expect((r.body.errors ?? []).map((e) => e.pointer)).toContain('/body/start_date');
  });
});

describe('processing dispatch (§10.3, §11)', () => {
  it('OpenStack and Rancher orders fail at once: erred with the settings message, completed_at set, resource Erred', async () => {
    for (const type of ['OpenStack.Tenant', 'OpenStack.Instance', 'Marketplace.Rancher']) {
      const o = await createOrder(s, await withOffering(type), m.owner);
      expect(o.state, type).toBe('erred');
      const after = await getOrder(s, o.uuid, m.staff);
      expect(after.error_message).toBe('No backend settings are configured for this offering.');
      expect(after.completed_at).not.toBeNull();
      expect(after.attempt_count).toBe(1);
      expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Erred');
      const retry = await act<{ detail: string }>(s, o.uuid, 'retry', m.providerOwner);
      expect(retry.status).toBe(405);
      expect(retry.body.detail).toBe(`Retry is not supported for offerings of type ${type}`);
    }
  });

  it('Basic completes on provider approval; Slurm and Support wait in executing', async () => {
    const basic = await createOrder(s, m, m.owner);
    await expectAct(s, basic.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, basic.uuid, m.owner)).state).toBe('done');
    const slurm = await createOrder(s, await withOffering('Marketplace.Slurm'), m.owner);
    await expectAct(s, slurm.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, slurm.uuid, m.owner)).state).toBe('executing');
    expect(await resourceState(s.tdb.db, slurm.marketplace_resource_uuid)).toBe('Creating');
    const support = await createOrder(s, await withOffering('Support.OfferingTemplate'), m.owner);
    expect((await getOrder(s, support.uuid, m.owner)).state).toBe('executing');
  });
});
