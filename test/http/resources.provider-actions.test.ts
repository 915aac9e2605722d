import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource, resourceRow } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;

const P = '/api/marketplace-provider-resources';
const R = '/api/marketplace-resources';
const post = <T = { status: string; detail?: string; code?: string }>(
  path: string,
  token: string | undefined,
  body?: unknown,
) => s.request<T>('POST', path, { token, body });
const transitions = (id: number) =>
  s.tdb.db
    .selectFrom('resource_transitions')
    .selectAll()
    .where('resource_id', '=', id)
    .orderBy('id')
    .execute();
const events = (id: number) =>
  s.tdb.db.selectFrom('events').selectAll().where('resource_id', '=', id).orderBy('id').execute();

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

describe('ResourceSetAsErredTest (§8 set_as_erred)', () => {
  it.each(['staff', 'providerOwner', 'customerManager', 'offeringManager'] as const)(
    '%s sets a resource as erred with the message and traceback',
    async (who) => {
      const r = await makeResource(s.tdb.db, m);
      const body = { error_message: 'Error occurred', error_traceback: 'Error traceback' };
      const res = await post(`${P}/${r.hex}/set_as_erred/`, m[who].token, body);
      expect(res.status, res.text).toBe(200);
      const row = await resourceRow(s.tdb.db, r.id);
      expect(row).toMatchObject({
        state: 3,
        error_message: 'Error occurred',
        error_traceback: 'Error traceback',
      });
    },
  );

  it('works without a body and from any state, writing a transition row and an event with the reason', async () => {
    for (const state of ['Creating', 'Terminating', 'Terminated', 'Erred'] as const) {
      const r = await makeResource(s.tdb.db, m, { state });
      const res = await s.request('POST', `${P}/${r.hex}/set_as_erred/`, { token: m.providerOwner.token });
      expect(res.status, `${state}: ${res.text}`).toBe(200);
      expect((await resourceRow(s.tdb.db, r.id)).state).toBe(3);
    }
    const r = await makeResource(s.tdb.db, m, { state: 'Terminating' });
    await post(`${P}/${r.hex}/set_as_erred/`, m.providerOwner.token, { reason: 'agent offline' });
    expect(await transitions(r.id)).toMatchObject([
      {
        from_state: 5,
        to_state: 3,
        action: 'set_as_erred',
        actor_id: m.providerOwner.id,
        reason: 'agent offline',
      },
    ]);
    expect(await events(r.id)).toMatchObject([
      { event_type: 'marketplace_resource_erred_on_backend', level: 'error', reason: 'agent offline' },
    ]);
  });

  it('is invisible to consumer roles on the provider path (404) and refused to global support (403)', async () => {
    const r = await makeResource(s.tdb.db, m);
    for (const who of ['owner', 'projectAdmin', 'projectManager', 'outsider'] as const) {
      expect((await post(`${P}/${r.hex}/set_as_erred/`, m[who].token, {})).status, who).toBe(404);
    }
    expect((await post(`${P}/${r.hex}/set_as_erred/`, m.support.token, {})).status).toBe(403);
    expect((await post(`${P}/${r.hex}/set_as_erred/`, undefined, {})).status).toBe(401);
    // Provider-only: the consumer collection has no such action.
    expect((await post(`${R}/${r.hex}/set_as_erred/`, m.staff.token, {})).status).toBe(404);
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(2);
  });

  it('answers 400 "Offering is unavailable." for an UNAVAILABLE offering', async () => {
    const down = await makeMarketplace(s.tdb.db);
    await s.tdb.db.updateTable('offerings').set({ state: 5 }).where('id', '=', down.offering.id).execute();
    const r = await makeResource(s.tdb.db, down);
    const res = await post(`${P}/${r.hex}/set_as_erred/`, down.providerOwner.token, {});
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Offering is unavailable.');
  });
});

describe('set_as_ok and set_state_ok (§8)', () => {
  it('set_as_ok moves Erred to OK and clears the errors; OK is a no-op; Terminated is 409', async () => {
    const r = await makeResource(s.tdb.db, m, { state: 'Erred', errorMessage: 'boom', errorTraceback: 'tb' });
    expect((await post(`${P}/${r.hex}/set_as_ok/`, m.providerOwner.token)).status).toBe(200);
    expect(await resourceRow(s.tdb.db, r.id)).toMatchObject({
      state: 2,
      error_message: '',
      error_traceback: '',
    });
    expect((await post(`${P}/${r.hex}/set_as_ok/`, m.providerOwner.token)).status).toBe(200);
    expect(await transitions(r.id)).toHaveLength(1);
    const gone = await makeResource(s.tdb.db, m, { state: 'Terminated' });
    expect((await post(`${P}/${gone.hex}/set_as_ok/`, m.providerOwner.token)).status).toBe(409);
  });

  it('set_state_ok moves Terminating to OK, keeps the errors and answers {status}', async () => {
    const r = await makeResource(s.tdb.db, m, { state: 'Terminating', errorMessage: 'kept' });
    const res = await post(`${P}/${r.hex}/set_state_ok/`, m.offeringManager.token, {
      reason: 'backend checked',
    });
    expect(res.status, res.text).toBe(200);
    expect(typeof res.body.status).toBe('string');
    expect(await resourceRow(s.tdb.db, r.id)).toMatchObject({ state: 2, error_message: 'kept' });
    const [e] = await events(r.id);
    expect(e).toMatchObject({ event_type: 'marketplace_resource_state_set', reason: 'backend checked' });
  });

  it.each(['OK', 'Terminated'] as const)('set_state_ok answers 409 for a %s resource', async (state) => {
    const r = await makeResource(s.tdb.db, m, { state });
    const res = await post(`${P}/${r.hex}/set_state_ok/`, m.providerOwner.token);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('Valid states for operation: Erred, Creating, Updating, Terminating.');
  });

  it('set_state_ok is served on the consumer path with the same permission (403 for consumer roles)', async () => {
    const r = await makeResource(s.tdb.db, m, { state: 'Erred' });
    for (const who of ['owner', 'projectAdmin', 'projectManager'] as const) {
      expect((await post(`${R}/${r.hex}/set_state_ok/`, m[who].token)).status, who).toBe(403);
    }
    expect((await post(`${R}/${r.hex}/set_state_ok/`, m.providerOwner.token)).status).toBe(404);
    expect((await post(`${R}/${r.hex}/set_state_ok/`, m.staff.token)).status).toBe(200);
  });
});

describe('agent bookkeeping (§13)', () => {
  it('set_backend_id records the id; a live duplicate in the offering is 400', async () => {
    const a = await makeResource(s.tdb.db, m);
    const b = await makeResource(s.tdb.db, m);
    const res = await post(`${P}/${a.hex}/set_backend_id/`, m.offeringManager.token, {
      backend_id: 'alloc-1',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('Resource backend_id has been changed.');
    expect((await resourceRow(s.tdb.db, a.id)).backend_id).toBe('alloc-1');
    const dup = await post(`${P}/${b.hex}/set_backend_id/`, m.offeringManager.token, {
      backend_id: 'alloc-1',
    });
    expect(dup.status).toBe(400);
    expect((await post(`${P}/${a.hex}/set_backend_id/`, m.offeringManager.token, {})).status).toBe(400);
    expect((await events(a.id)).map((e) => e.event_type)).toEqual(['marketplace_resource_backend_updated']);
  });

  it('set_limits writes the limits; an unknown component is 400', async () => {
    const r = await makeResource(s.tdb.db, m);
    expect(
      (await post(`${P}/${r.hex}/set_limits/`, m.providerOwner.token, { limits: { cpu: 7 } })).status,
    ).toBe(200);
    expect((await resourceRow(s.tdb.db, r.id)).limits).toEqual({ cpu: 7 });
    const bad = await post(`${P}/${r.hex}/set_limits/`, m.providerOwner.token, { limits: { gpu: 1 } });
    expect(bad.status).toBe(400);
  });

  it('set_backend_metadata, set_endpoints (replacing the set) and refresh_last_sync', async () => {
    const r = await makeResource(s.tdb.db, m);
    const t = m.customerManager.token;
    expect(
      (await post(`${P}/${r.hex}/set_backend_metadata/`, t, { backend_metadata: { node: 'n1' } })).status,
    ).toBe(200);
    const endpoints = [{ name: 'vLLM API', url: 'http://192.168.0.150:8000/v1' }];
    expect(
      (await post(`${P}/${r.hex}/set_endpoints/`, t, { endpoints: [{ name: 'stale', url: 'x' }] })).status,
    ).toBe(200);
    expect((await post(`${P}/${r.hex}/set_endpoints/`, t, { endpoints })).status).toBe(200);
    expect((await post(`${P}/${r.hex}/refresh_last_sync/`, t)).status).toBe(200);
    const row = await resourceRow(s.tdb.db, r.id);
    expect(row).toMatchObject({ backend_metadata: { node: 'n1' }, endpoints });
    expect(row.last_sync).not.toBeNull();
    const got = await s.request<{ endpoints: unknown; last_sync: string }>('GET', `${P}/${r.hex}/`, {
      token: t,
    });
    expect(got.body.endpoints).toEqual(endpoints);
    expect(got.body.last_sync).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await post(`${P}/${r.hex}/set_endpoints/`, m.support.token, { endpoints })).status).toBe(403);
  });

  it('team lists the project members with every ProjectUser key, on both paths', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await s.request<Record<string, unknown>[]>('GET', `${P}/${r.hex}/team/`, {
      token: m.providerOwner.token,
    });
    expect(res.status).toBe(200);
    const keys = [
      'url',
      'uuid',
      'username',
      'full_name',
      'role',
      'expiration_time',
      'offering_user_username',
      'offering_user_state',
    ];
    for (const u of res.body) for (const k of keys) expect(u).toHaveProperty(k);
    const roles = Object.fromEntries(res.body.map((u) => [u.username, u.role]));
    expect(roles).toMatchObject({
      [m.projectAdmin.username]: 'PROJECT.ADMIN',
      [m.projectManager.username]: 'PROJECT.MANAGER',
    });
    const consumer = await s.request<unknown[]>('GET', `${R}/${r.hex}/team/`, {
      token: m.projectAdmin.token,
    });
    expect(consumer.status).toBe(200);
    expect(consumer.body).toHaveLength(res.body.length);
    expect((await s.request('GET', `${P}/${r.hex}/team/`, { token: m.projectAdmin.token })).status).toBe(404);
  });
});

describe('restore and unlink (§8, both views)', () => {
  it('restore creates a Restore order and the resource is Creating; needs the offering option (400)', async () => {
    const mk = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { can_restore_resource: true });
    const r = await makeResource(s.tdb.db, mk, { state: 'Terminated' });
    const res = await post<{ order_uuid: string }>(`${P}/${r.hex}/restore/`, mk.providerOwner.token, {
      offering: 'ignored',
    });
    expect(res.status, res.text).toBe(200);
    const o = await s.request<{ type: string }>('GET', `/api/marketplace-orders/${res.body.order_uuid}/`, {
      token: mk.staff.token,
    });
    expect(o.body.type).toBe('Restore');
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(1);
    const plain = await makeResource(s.tdb.db, m, { state: 'Terminated' });
    const refused = await post(`${P}/${plain.hex}/restore/`, m.providerOwner.token);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('resource.restore_disabled');
  });

  it('restore: 409 unless Terminated, 403 for an offering manager (provider customer scope only)', async () => {
    const mk = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { can_restore_resource: true });
    const ok = await makeResource(s.tdb.db, mk);
    expect((await post(`${P}/${ok.hex}/restore/`, mk.providerOwner.token)).status).toBe(409);
    const gone = await makeResource(s.tdb.db, mk, { state: 'Terminated' });
    expect((await post(`${P}/${gone.hex}/restore/`, mk.offeringManager.token)).status).toBe(403);
    expect((await post(`${R}/${gone.hex}/restore/`, mk.owner.token)).status).toBe(403);
  });

  it('unlink: staff 204 and the resource is gone; others 403 before any lookup', async () => {
    const r = await makeResource(s.tdb.db, m);
    expect((await post(`${R}/${r.hex}/unlink/`, m.owner.token)).status).toBe(403);
    expect((await post(`${P}/${r.hex}/unlink/`, m.outsider.token)).status).toBe(403);
    const res = await post(`${P}/${r.hex}/unlink/`, m.staff.token);
    expect(res.status, res.text).toBe(204);
    expect((await s.request('GET', `${R}/${r.hex}/`, { token: m.staff.token })).status).toBe(404);
    const e = await events(r.id);
    expect(e.map((x) => x.event_type)).toEqual(['marketplace_resource_unlinked']);
  });
});
