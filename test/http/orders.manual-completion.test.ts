import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  approvedOrder,
  createOrder,
  expectAct,
  getOrder,
  type ProblemView,
  resourceState,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

// Orderly's default for manually managed offerings (seed 000 "Marking orders as done"): a Basic
// order stays Executing after approval until the provider marks it done, or it is canceled.
let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: false });
});
afterAll(() => s.close());

describe('Basic orders are marked done by hand', () => {
  it('approval leaves a Create order Executing and its resource Creating', async () => {
    const o = await approvedOrder(s, m);
    expect(o.state).toBe('executing');
    expect(o.completed_at).toBeNull();
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Creating');
    const ab = await s.request<{ abilities: Record<string, { allowed: boolean }> }>(
      'GET',
      `/api/marketplace-orders/${o.uuid}/`,
      { token: m.providerOwner.token },
    );
    expect(ab.body.abilities.set_state_done?.allowed).toBe(true);
  });

  it('set_state_done by the provider: order Done, resource OK', async () => {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200);
    const done = await getOrder(s, o.uuid, m.staff);
    expect(done.state).toBe('done');
    expect(done.completed_at).not.toBeNull();
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });

  it('the consumer cannot mark it done (403) and the order is still Executing', async () => {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'set_state_done', m.owner, 403);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('executing');
  });

  it('the consumer cancels an executing Create order: Canceled, resource Terminated', async () => {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'cancel', m.owner, 202);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('canceled');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('Terminated');
  });

  it('an executing Terminate order: resource Terminating; canceled → OK, done → Terminated', async () => {
    for (const [action, who, status, resource] of [
      ['cancel', m.owner, 202, 'OK'],
      ['set_state_done', m.providerOwner, 200, 'Terminated'],
    ] as const) {
      const created = await approvedOrder(s, m);
      await expectAct(s, created.uuid, 'set_state_done', m.providerOwner, 200);
      const term = await s.request<{ order_uuid: string }>(
        'POST',
        `/api/marketplace-resources/${created.marketplace_resource_uuid}/terminate/`,
        { token: m.owner.token, body: {} },
      );
      expect(term.status, term.text).toBe(200);
      const t = { uuid: term.body.order_uuid };
      await expectAct(s, t.uuid, 'approve_by_provider', m.providerOwner, 200, {});
      expect((await getOrder(s, t.uuid, m.staff)).state).toBe('executing');
      expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe('Terminating');
      await expectAct(s, t.uuid, action, who, status);
      expect(await resourceState(s.tdb.db, created.marketplace_resource_uuid)).toBe(resource);
    }
  });

  it('with auto_complete_on_approval the order is Done at approval (Waldur’s processor)', async () => {
    const auto = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: true });
    const o = await approvedOrder(s, auto);
    expect(o.state).toBe('done');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });

  it('a Support order with the option completes at once; without it, it waits', async () => {
    const support = await makeOffering(s.tdb.db, m.provider.id, {
      type: 'Support.OfferingTemplate',
      pluginOptions: { auto_complete_on_approval: true },
    });
    const o = await createOrder(s, { ...m, offering: support }, m.owner);
    expect(o.state).toBe('done');
    const plain = await makeOffering(s.tdb.db, m.provider.id, { type: 'Support.OfferingTemplate' });
    expect((await createOrder(s, { ...m, offering: plain }, m.owner)).state).toBe('executing');
  });
});

describe('the offering option auto_complete_on_approval', () => {
  const path = '/api/marketplace-provider-offerings/';
  type Out = ProblemView & { uuid: string; plugin_options: Record<string, unknown> };

  it('must be a boolean, and true only for Basic and Support offerings (400)', async () => {
    const cat = await s.request<{ uuid: string }>('POST', '/api/marketplace-categories/', {
      token: m.staff.token,
      body: { title: `Manual ${Date.now()}` },
    });
    const body = (type: string, plugin_options: Record<string, unknown>) => ({
      name: `Option ${type}`,
      type,
      category: `${s.url}/api/marketplace-categories/${cat.body.uuid}/`,
      customer: `${s.url}/api/customers/${m.provider.uuid.replace(/-/g, '')}/`,
      plugin_options,
    });
    const post = (b: unknown) => s.request<Out>('POST', path, { token: m.staff.token, body: b });
    const bad = await post(body('Marketplace.Basic', { auto_complete_on_approval: 'yes' }));
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.errors?.[0]?.pointer).toBe('/body/plugin_options/auto_complete_on_approval');
    const slurm = await post(body('Marketplace.Slurm', { auto_complete_on_approval: true }));
    expect(slurm.status, slurm.text).toBe(400);
    const ok = await post(body('Marketplace.Basic', { auto_complete_on_approval: true }));
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.plugin_options).toEqual({ auto_complete_on_approval: true });
    const patched = await s.request<ProblemView>('PATCH', `${path}${ok.body.uuid}/`, {
      token: m.staff.token,
      body: { plugin_options: { auto_complete_on_approval: 1 } },
    });
    expect(patched.status, patched.text).toBe(400);
  });
});
