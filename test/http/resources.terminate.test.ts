import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, resourceRow } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;
let support: Marketplace;
let tenant: Marketplace;

type Order = {
  uuid: string;
  state: string;
  type: string;
  attributes: Record<string, unknown>;
  error_message: string;
};
const R = '/api/marketplace-resources';
const P = '/api/marketplace-provider-resources';
const order = (uuid: string, token: string) =>
  s.request<Order>('GET', `/api/marketplace-orders/${uuid}/`, { token });
const terminate = (base: string, hex: string, token: string | undefined, body: unknown = {}) =>
  s.request<{ order_uuid: string }>('POST', `${base}/${hex}/terminate/`, { token, body });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  support = await makeMarketplace(s.tdb.db, 'Support.OfferingTemplate');
  tenant = await makeMarketplace(s.tdb.db, 'OpenStack.Tenant');
});
afterAll(() => s.close());

describe('ResourceTerminateTest (§15, §8 terminate)', () => {
  it('the consumer owner creates a Terminate order; the resource is Terminating at once', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await terminate(R, r.hex, m.owner.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.order_uuid).toMatch(/^[0-9a-f]{32}$/);
    const o = await order(res.body.order_uuid, m.owner.token);
    expect(o.body).toMatchObject({ type: 'Terminate', state: 'pending-provider' });
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(5);
    const events = await s.tdb.db
      .selectFrom('events')
      .select('event_type')
      .where('resource_id', '=', r.id)
      .execute();
    expect(events.map((e) => e.event_type)).toContain('marketplace_resource_terminate_requested');
  });

  it('the provider owner can terminate through the provider endpoint', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await terminate(P, r.hex, m.providerOwner.token);
    expect(res.status, res.text).toBe(200);
    // An offering owner's TERMINATE skips consumer review (§5.2), then waits for the provider (Basic).
    expect((await order(res.body.order_uuid, m.providerOwner.token)).body.state).toBe('pending-provider');
  });

  it.each(['Creating', 'Updating', 'Terminating', 'Terminated'] as const)(
    'answers 409 for a %s resource',
    async (state) => {
      const r = await makeResource(s.tdb.db, m, { state });
      const res = await terminate(R, r.hex, m.owner.token);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'resource.invalid_state',
        detail:
          'Valid states for operation: OK, Erred, or Terminating when a termination order is pending consumer approval.',
      });
    },
  );

  it.each(['OK', 'Erred'] as const)('terminates a %s resource', async (state) => {
    const r = await makeResource(s.tdb.db, m, { state });
    expect((await terminate(R, r.hex, m.projectAdmin.token)).status).toBe(200);
  });

  it('staff get an EXECUTING order at once when the type needs no provider review (Support)', async () => {
    const r = await makeResource(s.tdb.db, support);
    const res = await terminate(R, r.hex, support.staff.token);
    expect(res.status, res.text).toBe(200);
    expect((await order(res.body.order_uuid, support.staff.token)).body.state).toBe('executing');
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(5);
  });

  it('answers 400 when another order of the resource is pending', async () => {
    const r = await makeResource(s.tdb.db, m);
    await makeOrder(s.tdb.db, m, r, { type: 'Update', state: 'pending-provider' });
    const res = await terminate(R, r.hex, m.owner.token);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ detail: 'Pending order for resource already exists.' });
  });

  it('answers 400 for a blocked organization', async () => {
    const blocked = await makeMarketplace(s.tdb.db);
    await s.tdb.db
      .updateTable('customers')
      .set({ blocked: true })
      .where('id', '=', blocked.customer.id)
      .execute();
    const r = await makeResource(s.tdb.db, blocked);
    const res = await terminate(R, r.hex, blocked.owner.token);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ detail: 'Blocked organization is not available.' });
  });

  it('passes the attributes into the order and records the reason in its events', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await terminate(R, r.hex, m.owner.token, {
      attributes: { delete_volumes: true },
      reason: 'cleanup',
    });
    expect(res.status).toBe(200);
    expect((await order(res.body.order_uuid, m.owner.token)).body.attributes).toEqual({
      delete_volumes: true,
    });
    const events = await s.tdb.db
      .selectFrom('events')
      .select('reason')
      .where('resource_id', '=', r.id)
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.reason === 'cleanup')).toBe(true);
  });

  it('terminates a resource of a soft-deleted project', async () => {
    const gone = await makeMarketplace(s.tdb.db);
    await s.tdb.db
      .updateTable('projects')
      .set({ removed_at: new Date() })
      .where('id', '=', gone.project.id)
      .execute();
    const r = await makeResource(s.tdb.db, gone);
    expect((await terminate(R, r.hex, gone.owner.token)).status).toBe(200);
  });

  it('confirms a pending-consumer terminate order for a consumer approver; others get 400 (§8)', async () => {
    const r = await makeResource(s.tdb.db, m);
    const first = await terminate(R, r.hex, m.projectAdmin.token);
    expect((await order(first.body.order_uuid, m.owner.token)).body.state).toBe('pending-consumer');
    const other = await terminate(R, r.hex, m.projectManager.token);
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ detail: 'Pending order for resource already exists.' });
    const confirmed = await terminate(R, r.hex, m.owner.token);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.order_uuid).toBe(first.body.order_uuid);
    expect((await order(first.body.order_uuid, m.owner.token)).body.state).toBe('pending-provider');
  });

  it('answers 401 without a token, 404 outside the view, 403 without RESOURCE.TERMINATE', async () => {
    const r = await makeResource(s.tdb.db, m);
    expect((await terminate(R, r.hex, undefined)).status).toBe(401);
    expect((await terminate(R, r.hex, m.outsider.token)).status).toBe(404);
    expect((await terminate(P, r.hex, m.owner.token)).status).toBe(404);
    expect((await terminate(R, r.hex, m.projectMember.token)).status).toBe(403);
    expect((await terminate(P, r.hex, m.customerManager.token)).status).toBe(403);
    expect((await terminate(R, 'not-a-uuid', m.owner.token)).status).toBe(400);
  });
});

describe('ResourceForceTerminateTest (§15, §11.1; processing of OpenStack.Tenant fails)', () => {
  const force = { attributes: { action: 'force_destroy' } };

  it('staff + force_destroy: the order errs and the resource is Terminated', async () => {
    const r = await makeResource(s.tdb.db, tenant);
    const res = await terminate(R, r.hex, tenant.staff.token, force);
    expect(res.status, res.text).toBe(200);
    const o = await order(res.body.order_uuid, tenant.staff.token);
    expect(o.body).toMatchObject({
      state: 'erred',
      error_message: 'No backend settings are configured for this offering.',
    });
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(6);
  });

  it('the owner with force_destroy: the order errs and the resource is Erred', async () => {
    const r = await makeResource(s.tdb.db, tenant);
    const res = await terminate(R, r.hex, tenant.owner.token, force);
    expect(res.status, res.text).toBe(200);
    expect((await order(res.body.order_uuid, tenant.owner.token)).body.state).toBe('erred');
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(3);
  });

  it('staff without force_destroy: the resource is Erred', async () => {
    const r = await makeResource(s.tdb.db, tenant);
    expect((await terminate(R, r.hex, tenant.staff.token)).status).toBe(200);
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(3);
  });

  it('a staff force destroy never confirms a pending terminate order (409, §17 f)', async () => {
    const r = await makeResource(s.tdb.db, tenant, { state: 'Terminating' });
    await makeOrder(s.tdb.db, tenant, r, { type: 'Terminate', state: 'pending-consumer' });
    const res = await terminate(R, r.hex, tenant.staff.token, force);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ detail: 'Valid states for operation: OK, Erred.' });
  });
});
