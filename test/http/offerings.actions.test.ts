import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferingState } from '../../src/modules/offerings/domain/offering-type.js';
import {
  grant,
  makeCustomer,
  makeProject,
  makeServiceProvider,
  makeUser,
  type TestUser,
} from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering } from '../support/offering-factories.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface DetailState {
  detail: string;
  state: string;
}
interface Row {
  id: number;
  uuid: string;
  name?: string;
}
interface Offering {
  name: string;
  shared: boolean;
  plugin_options: Record<string, unknown>;
  secret_options?: Record<string, unknown>;
}

const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const PATH = '/api/marketplace-provider-offerings/';

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let manager: TestUser;
let admin: TestUser;
let ownerQ: TestUser;
let org: Row;
let managed: Row;

const offering = (state: OfferingState, opts: { plans?: []; type?: string } = {}) =>
  makeOffering(s.tdb.db, org.id, { state, ...opts });
const act = (u: TestUser, o: Row, action: string, body?: unknown) =>
  s.request<DetailState & Problem>('POST', `${PATH}${o.uuid}/${action}/`, { token: u.token, body });
const stateOf = async (o: Row) =>
  (
    await s.request<{ state: string; paused_reason: string }>('GET', `${PATH}${o.uuid}/`, {
      token: staff.token,
    })
  ).body;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  [owner, manager, admin, ownerQ] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  org = await makeCustomer(db);
  const orgQ = await makeCustomer(db);
  await makeServiceProvider(db, org.id);
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: (await makeProject(db, org.id)).id });
  await grant(db, ownerQ.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgQ.id });
  managed = await makeOffering(db, org.id, { state: 'Active', name: 'Managed HPC' });
  await grant(db, manager.id, 'OFFERING.MANAGER', { type: 'offering', id: managed.id });
});
afterAll(() => s.close());

describe('offering state actions', () => {
  it('lets staff activate a Draft offering with a plan, with no body: 200 {detail, state}', async () => {
    const o = await offering('Draft');
    const r = await act(staff, o, 'activate');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ detail: 'Offering has been activated.', state: 'Active' });
    expect((await stateOf(o)).state).toBe('Active');
  });

  it('answers 403 to an owner activating (staff only) and 409 to staff when the state or plans refuse', async () => {
    const draft = await offering('Draft');
    expect((await act(owner, draft, 'activate')).status).toBe(403);
    const planless = await offering('Draft', { plans: [] });
    expect((await act(staff, planless, 'activate', {})).status).toBe(409);
    const active = await offering('Active');
    const r = await act(staff, active, 'activate');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('offering.invalid_transition');
  });

  it('pauses with a reason, unpauses (clearing it), and refuses both from the wrong state with 409', async () => {
    const o = await offering('Active');
    const paused = await act(owner, o, 'pause', { paused_reason: 'Maintenance' });
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ detail: 'Offering has been paused.', state: 'Paused' });
    expect(await stateOf(o)).toMatchObject({ state: 'Paused', paused_reason: 'Maintenance' });
    expect((await act(owner, o, 'pause')).status).toBe(409);
    const unpaused = await act(owner, o, 'unpause');
    expect(unpaused.body).toEqual({ detail: 'Offering has been unpaused.', state: 'Active' });
    expect(await stateOf(o)).toMatchObject({ state: 'Active', paused_reason: '' });
    expect((await act(owner, o, 'unpause')).status).toBe(409);
  });

  it('archives from any state, again and again', async () => {
    for (const state of ['Draft', 'Active', 'Paused', 'Unavailable'] as const) {
      const o = await offering(state);
      const r = await act(owner, o, 'archive');
      expect(r.body).toEqual({ detail: 'Offering has been archived.', state: 'Archived' });
      expect((await act(owner, o, 'archive')).status).toBe(200);
    }
  });

  it('checks 404, then 403, then 409, then the body', async () => {
    const draft = await offering('Draft');
    const bad = { paused_reason: 5 };
    expect((await act(ownerQ, draft, 'pause', bad)).status).toBe(404);
    expect((await act(admin, draft, 'pause', bad)).status).toBe(403);
    expect((await act(owner, draft, 'pause', bad)).status).toBe(409);
    const active = await offering('Active');
    const r = await act(owner, active, 'pause', bad);
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/paused_reason']);
  });

  it('lets an offering manager pause the offering they manage', async () => {
    expect((await act(manager, managed, 'pause')).body.state).toBe('Paused');
    expect((await act(manager, managed, 'unpause')).body.state).toBe('Active');
  });

  it('answers 401 without a token', async () => {
    const o = await offering('Draft');
    expect((await s.request('POST', `${PATH}${o.uuid}/activate/`)).status).toBe(401);
  });
});

describe('POST /api/marketplace-provider-offerings/{uuid}/update_type/', () => {
  it('swaps Marketplace.Basic ↔ Marketplace.Slurm', async () => {
    const o = await offering('Active');
    const r = await act(owner, o, 'update_type', { type: 'Marketplace.Slurm' });
    expect(r.status).toBe(200);
    expect((r.body as unknown as { type: string }).type).toBe('Marketplace.Slurm');
    const back = await act(owner, o, 'update_type', { type: 'Marketplace.Basic' });
    expect((back.body as unknown as { type: string }).type).toBe('Marketplace.Basic');
  });

  it('refuses any other type with 400 naming type', async () => {
    const basic = await offering('Active');
    const tenant = await offering('Active', { type: 'OpenStack.Tenant' });
    for (const [o, type] of [
      [basic, 'OpenStack.Tenant'],
      [tenant, 'Marketplace.Basic'],
      [basic, 'Nope'],
    ] as const) {
      const r = await act(owner, o, 'update_type', { type });
      expect(r.status).toBe(400);
      expect(pointers(r.body)).toEqual(['/body/type']);
    }
  });

  it('answers 403 to a project admin and 404 to another organization', async () => {
    const o = await offering('Active');
    expect((await act(admin, o, 'update_type', { type: 'Marketplace.Slurm' })).status).toBe(403);
    expect((await act(ownerQ, o, 'update_type', { type: 'Marketplace.Slurm' })).status).toBe(404);
  });
});

describe('offering role grants (OFFERING.MANAGER)', () => {
  it('grants, lists and revokes; the grant shows the offering and reaches its organization', async () => {
    const o = await offering('Active');
    const u = await makeUser(s.tdb.db);
    const add = await act(owner, o, 'add_user', { role: 'OFFERING.MANAGER', user: u.uuid });
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ expiration_time: null });

    const list = await s.request<{ user_uuid: string; role_name: string }[]>(
      'GET',
      `${PATH}${o.uuid}/list_users/`,
      {
        token: owner.token,
      },
    );
    expect(list.body).toEqual([
      expect.objectContaining({ user_uuid: hex(u.uuid), role_name: 'OFFERING.MANAGER' }),
    ]);
    expect(list.headers.get('x-result-count')).toBe('1');

    const mine = await s.request<{ uuid: string }[]>('GET', `${PATH}?page_size=100`, { token: u.token });
    expect(mine.body.map((x) => x.uuid)).toEqual([hex(o.uuid)]);
    expect((await s.request('GET', `/api/customers/${org.uuid}/`, { token: u.token })).status).toBe(200);
    const me = await s.request<{ permissions: Record<string, unknown>[] }>('GET', '/api/users/me/', {
      token: u.token,
    });
    expect(me.body.permissions).toEqual([
      expect.objectContaining({
        scope_type: 'offering',
        scope_uuid: hex(o.uuid),
        scope_name: o.name,
        customer_uuid: hex(org.uuid),
      }),
    ]);

    const del = await act(owner, o, 'delete_user', { role: 'OFFERING.MANAGER', user: u.uuid });
    expect(del.status).toBe(200);
    expect((await s.request('GET', `${PATH}${o.uuid}/`, { token: u.token })).status).toBe(404);
    expect((await s.request('GET', `/api/customers/${org.uuid}/`, { token: u.token })).status).toBe(404);
  });

  it('answers 403 to an offering manager granting, and 400 naming role for an organization role', async () => {
    const u = await makeUser(s.tdb.db);
    expect((await act(manager, managed, 'add_user', { role: 'OFFERING.MANAGER', user: u.uuid })).status).toBe(
      403,
    );
    const r = await act(owner, managed, 'add_user', { role: 'CUSTOMER.OWNER', user: u.uuid });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/role']);
  });
});

describe('PATCH /api/marketplace-provider-offerings/{uuid}/', () => {
  it('lets the owner edit name, options and sharing', async () => {
    const o = await makeOffering(s.tdb.db, org.id);
    const r = await s.request<Offering>('PATCH', `${PATH}${o.uuid}/`, {
      token: owner.token,
      body: { name: 'Renamed', plugin_options: { disable_autoapprove: true }, shared: false },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: 'Renamed',
      plugin_options: { disable_autoapprove: true },
      shared: false,
    });
  });

  it('answers 403 to a project admin and 404 to another owner, even with a bad body', async () => {
    const o = await makeOffering(s.tdb.db, org.id);
    const bad = { name: 5 };
    expect((await s.request('PATCH', `${PATH}${o.uuid}/`, { token: admin.token, body: bad })).status).toBe(
      403,
    );
    expect((await s.request('PATCH', `${PATH}${o.uuid}/`, { token: ownerQ.token, body: bad })).status).toBe(
      404,
    );
    const r = await s.request<Problem>('PATCH', `${PATH}${o.uuid}/`, { token: owner.token, body: bad });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/name']);
  });

  it('keeps secret_options staff-only on edits', async () => {
    const o = await makeOffering(s.tdb.db, org.id);
    const secret = { secret_options: { token: 'new' } };
    expect((await s.request('PATCH', `${PATH}${o.uuid}/`, { token: owner.token, body: secret })).status).toBe(
      403,
    );
    const r = await s.request<Offering>('PATCH', `${PATH}${o.uuid}/`, { token: staff.token, body: secret });
    expect(r.status).toBe(200);
    expect(r.body.secret_options).toEqual({ token: 'new' });
  });
});
