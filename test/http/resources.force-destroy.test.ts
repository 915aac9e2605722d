import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, resourceRow, type TestResource } from '../support/resource-factories.js';

// Seed 001 "Recovering a resource stuck in Terminating": staff force-destroy in one step, for each
// offering type of the "Cancellation paths by offering type" table.
const TYPES = [
  ['Basic', 'Marketplace.Basic', 'done', /provider was not asked/],
  ['Support', 'Support.OfferingTemplate', 'done', /no helpdesk issue was opened/],
  ['Remote', 'Waldur.RemoteOffering', 'erred', /the processor failed/],
  ['OpenStack', 'OpenStack.Tenant', 'erred', /the processor failed: No backend settings/],
  ['SLURM', 'Marketplace.Slurm', 'done', /site agent was not asked to confirm/],
  ['Rancher', 'Marketplace.Rancher', 'erred', /the processor failed: No backend settings/],
  ['Script', 'Marketplace.Script', 'erred', /the processor failed/],
] as const;

interface Result {
  order_uuid: string;
  order_state: string;
  failed_order_uuids: string[];
  resource_state: string;
}
interface OrderOut {
  uuid: string;
  state: string;
  error_message: string;
  output: string;
  attributes: Record<string, unknown>;
  request_comment?: string;
}
interface ResourceOut {
  state: string;
  abilities: Record<string, { allowed: boolean; reason?: string }>;
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** A resource whose Terminate order never finished: Terminating, the order Executing. */
async function stuck(type: string, opts: Record<string, unknown> = {}) {
  const m = await makeMarketplace(s.tdb.db, type, opts);
  const r = await makeResource(s.tdb.db, m, { state: 'Terminating', backendId: 'be-1' });
  const o = await makeOrder(s.tdb.db, m, r, { type: 'Terminate', state: 'executing' });
  return { m, r, o };
}

function forceDestroy(r: TestResource, token: string, body: unknown = { reason: 'Gone.' }) {
  return s.request<Result>('POST', `/api/marketplace-resources/${r.hex}/force_destroy/`, { token, body });
}

const order = async (m: Marketplace, uuid: string) =>
  (await s.request<OrderOut>('GET', `/api/marketplace-orders/${uuid}/`, { token: m.staff.token })).body;

describe('staff force destroy of a resource stuck in Terminating', () => {
  it.each(TYPES)(
    '%s: the stuck order fails, the resource ends Terminated, the skipped cleanup is noted',
    async (_f, type, state, note) => {
      const { m, r, o } = await stuck(type);
      const before = await s.request<ResourceOut>('GET', `/api/marketplace-resources/${r.hex}/`, {
        token: m.staff.token,
      });
      expect(before.body.abilities.force_destroy).toEqual(expect.objectContaining({ allowed: true }));

      const res = await forceDestroy(r, m.staff.token, { reason: 'Verified gone on the backend.' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({
        order_state: state,
        resource_state: 'Terminated',
        failed_order_uuids: [o.hex],
      });

      const failed = await order(m, o.hex);
      expect(failed.state).toBe('erred');
      expect(failed.error_message).toMatch(
        /^Failed by staff .* to force-destroy the resource: Verified gone on the backend\.$/,
      );

      const t = await order(m, res.body.order_uuid);
      expect(t.attributes).toMatchObject({ action: 'force_destroy' });
      expect(t.state).toBe(state);
      expect(t.output).toMatch(/^Force destroy: provider-side cleanup was skipped/);
      expect(t.output).toMatch(note);
      expect((await resourceRow(s.tdb.db, r.id)).state).toBe(6);
    },
  );

  it('a Basic order that waits to be marked done is force-destroyed without waiting either', async () => {
    const { m, r } = await stuck('Marketplace.Basic', { auto_complete_on_approval: false });
    const res = await forceDestroy(r, m.staff.token);
    expect(res.body).toMatchObject({ order_state: 'done', resource_state: 'Terminated' });
  });

  it('works after Set as erred and after Set state OK (the guide’s order of steps)', async () => {
    for (const [first, path] of [
      ['set_as_erred', 'marketplace-provider-resources'],
      ['set_state_ok', 'marketplace-resources'],
    ] as const) {
      const { m, r, o } = await stuck('Marketplace.Slurm');
      const pre = await s.request('POST', `/api/${path}/${r.hex}/${first}/`, {
        token: m.staff.token,
        body: { reason: 'stuck', error_message: 'stuck' },
      });
      expect(pre.status, pre.text).toBe(200);
      const res = await forceDestroy(r, m.staff.token);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ resource_state: 'Terminated', failed_order_uuids: [o.hex] });
    }
  });

  it('never fails a running tenant saga: Orderly.Tenant has its own forced decommission (400)', async () => {
    const { m, r } = await stuck('Orderly.Tenant');
    const got = await s.request<ResourceOut>('GET', `/api/marketplace-resources/${r.hex}/`, {
      token: m.staff.token,
    });
    expect(got.body.abilities.force_destroy?.allowed).toBe(false);
    const res = await forceDestroy(r, m.staff.token);
    expect(res.status, res.text).toBe(400);
  });

  it('an OK resource with no order in flight fails nothing', async () => {
    const m = await makeMarketplace(s.tdb.db, 'Marketplace.Rancher');
    const r = await makeResource(s.tdb.db, m, { state: 'OK', backendId: 'be-2' });
    const res = await forceDestroy(r, m.staff.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ failed_order_uuids: [], resource_state: 'Terminated' });
  });

  it('is for staff only (403), needs a reason (400) and a live resource (409)', async () => {
    const { m, r } = await stuck('Marketplace.Slurm');
    const provider = await s.request<{ code: string }>(
      'POST',
      `/api/marketplace-provider-resources/${r.hex}/force_destroy/`,
      { token: m.providerOwner.token, body: { reason: 'x' } },
    );
    expect(provider.status, provider.text).toBe(403);
    const ability = await s.request<ResourceOut>('GET', `/api/marketplace-provider-resources/${r.hex}/`, {
      token: m.providerOwner.token,
    });
    expect(ability.body.abilities.force_destroy).toMatchObject({
      allowed: false,
      reason: 'permission_denied',
    });
    expect((await forceDestroy(r, m.staff.token, {})).status).toBe(400);
    expect((await forceDestroy(r, m.staff.token, { reason: '  ' })).status).toBe(400);
    expect((await forceDestroy(r, m.staff.token)).status).toBe(200);
    const again = await forceDestroy(r, m.staff.token);
    expect(again.status, again.text).toBe(409);
  });

  it('the terminate route’s staff force_destroy no longer waits for the staff member’s own approval', async () => {
    const m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const r = await makeResource(s.tdb.db, m, { state: 'OK', backendId: 'be-3' });
    const res = await s.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${r.hex}/terminate/`,
      {
        token: m.staff.token,
        body: { attributes: { action: 'force_destroy' }, reason: 'Gone.' },
      },
    );
    expect(res.status, res.text).toBe(200);
    expect((await order(m, res.body.order_uuid)).state).toBe('done');
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(6);
  });

  it('a consumer’s terminate with the same attributes still waits for the provider', async () => {
    const m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const r = await makeResource(s.tdb.db, m, { state: 'OK', backendId: 'be-4' });
    const res = await s.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${r.hex}/terminate/`,
      {
        token: m.owner.token,
        body: { attributes: { action: 'force_destroy' } },
      },
    );
    expect(res.status, res.text).toBe(200);
    expect((await order(m, res.body.order_uuid)).state).toBe('pending-provider');
  });
});
