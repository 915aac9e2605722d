import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, expectAct, getOrder, type OrderView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

/**
 * Provider roles (seed 000 "Managing orders", "Who can retry"; orders §9.3; Waldur migration
 * `0033_service_provider_manager_orders`): offering managers manage the orders and resources of the
 * offerings they manage, service provider managers those of their organization's offerings, and
 * neither reaches the consumer side of an organization.
 */
let s: TestServer;
let m: Marketplace;
let sibling: Marketplace;

interface Abilities {
  abilities: Record<string, { allowed: boolean }>;
}

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  sibling = { ...m, offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' }) };
});
afterAll(() => s.close());

const list = <T>(path: string, user: TestUser) =>
  s.request<T[]>('GET', `/api/${path}`, { token: user.token });
const uuids = (rows: { uuid: string }[]) => rows.map((r) => r.uuid).sort();

describe('visibility of the provider side', () => {
  it('an offering manager lists and retrieves the orders and resources of their offering only', async () => {
    const mine = await createOrder(s, m, m.owner);
    const theirs = await createOrder(s, sibling, m.owner);
    const orders = await list<OrderView>('marketplace-orders/?page_size=100', m.offeringManager);
    expect(uuids(orders.body)).toContain(mine.uuid);
    expect(uuids(orders.body)).not.toContain(theirs.uuid);
    expect(
      (await s.request('GET', `/api/marketplace-orders/${theirs.uuid}/`, { token: m.offeringManager.token }))
        .status,
    ).toBe(404);
    const resources = await list<{ uuid: string }>(
      'marketplace-provider-resources/?page_size=100',
      m.offeringManager,
    );
    expect(uuids(resources.body)).toContain(mine.marketplace_resource_uuid);
    expect(uuids(resources.body)).not.toContain(theirs.marketplace_resource_uuid);
    const path = `/api/marketplace-provider-resources/${theirs.marketplace_resource_uuid}/`;
    expect((await s.request('GET', path, { token: m.offeringManager.token })).status).toBe(404);
    // The service provider manager sees both (its organization's offerings).
    const all = await list<OrderView>('marketplace-orders/?page_size=100', m.customerManager);
    expect(uuids(all.body)).toEqual(expect.arrayContaining([mine.uuid, theirs.uuid].sort()));
  });

  it('the order abilities show the provider actions to the offering manager (the UI shows only those)', async () => {
    const o = await createOrder(s, m, m.owner);
    const seen = await s.request<Abilities>('GET', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.offeringManager.token,
    });
    expect(seen.body.abilities.approve_by_provider?.allowed).toBe(true);
    expect(seen.body.abilities.reject_by_provider?.allowed).toBe(true);
    expect(seen.body.abilities.approve_by_consumer?.allowed).toBe(false);
  });
});

describe('the service provider manager stays on the provider side of its own organization', () => {
  it('sees an order of its organization’s own project for its offering, but cannot approve it as consumer', async () => {
    const project = await makeProject(s.tdb.db, m.provider.id);
    const member = await makeUser(s.tdb.db);
    await grant(s.tdb.db, member.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    const o = await createOrder(s, { ...m, project }, member);
    expect(o.state).toBe('pending-consumer');
    const seen = await s.request<Abilities>('GET', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.customerManager.token,
    });
    expect(seen.status).toBe(200);
    expect(seen.body.abilities.approve_by_consumer?.allowed).toBe(false);
    const filtered = await list<OrderView>(
      'marketplace-orders/?can_approve_as_consumer=true',
      m.customerManager,
    );
    expect(filtered.body).toEqual([]);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.customerManager, 403);
    // The organization's owner is on both sides and approves as consumer.
    await expectAct(s, o.uuid, 'approve_by_consumer', m.providerOwner, 200);
  });
});

describe('an offering manager runs the site agent’s provider calls', () => {
  it('approve, set_backend_id, set_limits, set_backend_metadata, refresh_last_sync, usage, done; erred and retry', async () => {
    const manager = m.offeringManager;
    const o = await createOrder(s, m, m.owner);
    await expectAct(s, o.uuid, 'approve_by_provider', manager, 200, {});
    expect((await getOrder(s, o.uuid, manager)).state).toBe('executing');
    const res = `/api/marketplace-provider-resources/${o.marketplace_resource_uuid}/`;
    const post = (path: string, body?: unknown) =>
      s.request('POST', `${res}${path}`, { token: manager.token, ...(body === undefined ? {} : { body }) });
    for (const [path, body] of [
      ['set_backend_id/', { backend_id: 'hpc_alloc' }],
      ['set_limits/', { limits: { cpu: 5 } }],
      ['set_backend_metadata/', { backend_metadata: { cluster: 'nordic' } }],
      ['refresh_last_sync/', undefined],
    ] as const) {
      const r = await post(path, body);
      expect(r.status, `${path} ${r.text}`).toBe(200);
    }
    await expectAct(s, o.uuid, 'set_backend_id', manager, 200, { backend_id: 'job-1' });
    await expectAct(s, o.uuid, 'set_state_erred', manager, 200, { error_message: 'x', error_traceback: '' });
    await expectAct(s, o.uuid, 'retry', manager, 200);
    await expectAct(s, o.uuid, 'set_state_done', manager, 200);
    expect((await getOrder(s, o.uuid, manager)).state).toBe('done');
    const usage = await s.request('POST', '/api/marketplace-component-usages/set_usage/', {
      token: manager.token,
      body: { resource: o.marketplace_resource_uuid, usages: [{ type: 'cpu', amount: '3' }] },
    });
    expect(usage.status, usage.text).toBe(201);
    await post('set_as_erred/', { error_message: 'sync failed', error_traceback: '' });
    expect((await post('set_as_ok/')).status).toBe(200);
  });

  it('a Slurm order the agent rejects: reject_by_provider', async () => {
    const o = await createOrder(s, m, m.owner);
    await expectAct(s, o.uuid, 'reject_by_provider', m.offeringManager, 200, {});
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('rejected');
  });

  it('a manager of a sibling offering cannot touch these orders (404)', async () => {
    const other = await makeUser(s.tdb.db);
    await grant(s.tdb.db, other.id, 'OFFERING.MANAGER', { type: 'offering', id: sibling.offering.id });
    const o = await createOrder(s, m, m.owner);
    await expectAct(s, o.uuid, 'approve_by_provider', other, 404, {});
    await expectAct(s, o.uuid, 'reject_by_provider', other, 404, {});
  });
});
