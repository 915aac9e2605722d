import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/modules/resources/domain/end-date.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource, resourceRow } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;

const P = '/api/marketplace-provider-resources';
const R = '/api/marketplace-resources';
type Problem = {
  status?: string;
  detail?: string;
  code?: string;
  errors?: { pointer: string; detail: string }[];
};
const call = (method: 'POST' | 'PUT' | 'PATCH', path: string, token: string | undefined, body?: unknown) =>
  s.request<Problem & Record<string, unknown>>(method, path, { token, body });
const today = () => new Date().toISOString().slice(0, 10);
const events = (id: number) =>
  s.tdb.db.selectFrom('events').selectAll().where('resource_id', '=', id).orderBy('id').execute();
const pointers = (p: Problem) => (p.errors ?? []).map((e) => e.pointer);

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

describe('ResourceUpdateTest (PUT/PATCH name, description, end date)', () => {
  it.each([
    ['staff', R],
    ['owner', R],
    ['providerOwner', P],
  ] as const)('%s edits name and description and gets ResourceUpdate back', async (who, base) => {
    const r = await makeResource(s.tdb.db, m);
    const res = await call('PATCH', `${base}/${r.hex}/`, m[who].token, {
      name: 'new name',
      description: 'new description',
      reason: 'rename',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ name: 'new name', description: 'new description', end_date: null });
    expect(await resourceRow(s.tdb.db, r.id)).toMatchObject({
      name: 'new name',
      description: 'new description',
    });
    expect(await events(r.id)).toMatchObject([
      { event_type: 'marketplace_resource_details_updated', reason: 'rename', actor_id: m[who].id },
    ]);
  });

  it('PUT needs the name; PATCH sets and clears the end date with an audit event', async () => {
    const r = await makeResource(s.tdb.db, m);
    const put = await call('PUT', `${R}/${r.hex}/`, m.owner.token, { description: 'x' });
    expect(put.status).toBe(400);
    expect(pointers(put.body)).toContain('/body/name');
    const end = addDays(today(), 30);
    const ok = await call('PUT', `${R}/${r.hex}/`, m.owner.token, { name: 'n', end_date: end });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.end_date).toBe(end);
    const current = await call('PATCH', `${R}/${r.hex}/`, m.staff.token, { end_date: today() });
    expect(current.status, current.text).toBe(200);
    const cleared = await call('PATCH', `${R}/${r.hex}/`, m.owner.token, { end_date: null });
    expect(cleared.body.end_date).toBeNull();
    const types = (await events(r.id)).map((e) => e.event_type);
    expect(types.filter((t) => t === 'marketplace_resource_end_date_has_been_updated')).toHaveLength(3);
  });

  it('refuses a past end date, a bad date and an empty name (400 naming the field)', async () => {
    const r = await makeResource(s.tdb.db, m);
    const past = await call('PATCH', `${R}/${r.hex}/`, m.staff.token, { end_date: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([
      { pointer: '/body/end_date', detail: 'Cannot be earlier than the current date.' },
    ]);
    const bad = await call('PATCH', `${R}/${r.hex}/`, m.owner.token, { end_date: '2031-13-45' });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toContain('/body/end_date');
    const empty = await call('PATCH', `${R}/${r.hex}/`, m.owner.token, { name: '' });
    expect(empty.status).toBe(400);
    expect(pointers(empty.body)).toContain('/body/name');
    expect((await resourceRow(s.tdb.db, r.id)).end_date).toBeNull();
  });

  it('respects the offering bound latest_date_for_resource_termination', async () => {
    const bounded = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', {
      latest_date_for_resource_termination: addDays(today(), 10),
    });
    const r = await makeResource(s.tdb.db, bounded);
    const late = await call('PATCH', `${R}/${r.hex}/`, bounded.owner.token, {
      end_date: addDays(today(), 20),
    });
    expect(late.status).toBe(400);
    expect(late.body.errors?.[0]?.detail).toBe(
      'End date can not be later than the maximal date set for termination.',
    );
    const fine = await call('PATCH', `${R}/${r.hex}/`, bounded.owner.token, {
      end_date: addDays(today(), 5),
    });
    expect(fine.status, fine.text).toBe(200);
  });

  it('role matrix: consumer members 403, another organization 404, provider managers 403', async () => {
    const r = await makeResource(s.tdb.db, m);
    for (const who of ['projectAdmin', 'projectManager', 'projectMember'] as const) {
      expect((await call('PATCH', `${R}/${r.hex}/`, m[who].token, { name: 'x' })).status, who).toBe(403);
    }
    expect((await call('PATCH', `${R}/${r.hex}/`, m.outsider.token, { name: 'x' })).status).toBe(404);
    expect((await call('PATCH', `${P}/${r.hex}/`, m.owner.token, { name: 'x' })).status).toBe(404);
    for (const who of ['customerManager', 'offeringManager'] as const) {
      expect((await call('PATCH', `${P}/${r.hex}/`, m[who].token, { name: 'x' })).status, who).toBe(403);
    }
    expect((await call('PATCH', `${R}/${r.hex}/`, undefined, { name: 'x' })).status).toBe(401);
    expect((await resourceRow(s.tdb.db, r.id)).name).toBe(r.name);
  });
});

describe('ResourceSetEndDateByProviderTest', () => {
  const url = (hex: string) => `${P}/${hex}/set_end_date_by_provider/`;

  it.each(['staff', 'providerOwner', 'support', 'customerManager'] as const)(
    '%s sets an end date 7+ days ahead',
    async (who) => {
      const r = await makeResource(s.tdb.db, m);
      const end = addDays(today(), 7);
      const res = await call('POST', url(r.hex), m[who].token, { end_date: end, reason: 'unused' });
      expect(res.status, res.text).toBe(200);
      expect((await resourceRow(s.tdb.db, r.id)).end_date).toBe(end);
      expect(await events(r.id)).toMatchObject([
        {
          event_type: 'marketplace_resource_end_date_has_been_updated',
          actor_id: m[who].id,
          reason: 'unused',
        },
      ]);
    },
  );

  it('refuses an end date less than 7 days ahead', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await call('POST', url(r.hex), m.providerOwner.token, { end_date: addDays(today(), 3) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { pointer: '/body/end_date', detail: 'Please set at least 7 days in advance.' },
    ]);
  });

  it('consumer roles get 404 on the provider path; offering managers without the grant 403', async () => {
    const r = await makeResource(s.tdb.db, m);
    const body = { end_date: addDays(today(), 10) };
    for (const who of ['owner', 'projectAdmin', 'projectManager', 'projectMember', 'outsider'] as const) {
      expect((await call('POST', url(r.hex), m[who].token, body)).status, who).toBe(404);
    }
    expect((await call('POST', url(r.hex), m.offeringManager.token, body)).status).toBe(403);
    expect((await call('POST', `${R}/${r.hex}/set_end_date_by_provider/`, m.staff.token, body)).status).toBe(
      404,
    );
  });
});

describe('ResourceSetEndDateByStaffTest and set_end_date', () => {
  it('staff sets the end date on either path; everyone else is refused', async () => {
    const r = await makeResource(s.tdb.db, m);
    const end = addDays(today(), 8);
    for (const base of [R, P]) {
      const res = await call('POST', `${base}/${r.hex}/set_end_date_by_staff/`, m.staff.token, {
        end_date: end,
      });
      expect(res.status, res.text).toBe(200);
    }
    expect((await resourceRow(s.tdb.db, r.id)).end_date).toBe(end);
    for (const who of ['owner', 'projectAdmin'] as const) {
      const res = await call('POST', `${R}/${r.hex}/set_end_date_by_staff/`, m[who].token, { end_date: end });
      expect(res.status, who).toBe(403);
    }
    const prov = await call('POST', `${P}/${r.hex}/set_end_date_by_staff/`, m.providerOwner.token, {});
    expect(prov.status).toBe(403);
    const soon = await call('POST', `${R}/${r.hex}/set_end_date_by_staff/`, m.staff.token, {
      end_date: addDays(today(), 1),
    });
    expect(soon.status).toBe(400);
  });

  it('the consumer owner sets and clears the end date; members 403; outsiders 404', async () => {
    const r = await makeResource(s.tdb.db, m);
    const url = `${R}/${r.hex}/set_end_date/`;
    expect((await call('POST', url, m.owner.token, { end_date: today() })).status).toBe(200);
    expect((await resourceRow(s.tdb.db, r.id)).end_date).toBe(today());
    // No end_date in the body leaves it as it is (Waldur's optional serializer field).
    expect((await call('POST', url, m.owner.token, {})).status).toBe(200);
    expect((await resourceRow(s.tdb.db, r.id)).end_date).toBe(today());
    expect((await call('POST', url, m.owner.token, { end_date: null })).status).toBe(200);
    expect((await resourceRow(s.tdb.db, r.id)).end_date).toBeNull();
    const past = await call('POST', url, m.owner.token, { end_date: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(pointers(past.body)).toEqual(['/body/end_date']);
    for (const who of ['projectAdmin', 'projectManager', 'projectMember'] as const) {
      expect((await call('POST', url, m[who].token, { end_date: today() })).status, who).toBe(403);
    }
    expect((await call('POST', url, m.outsider.token, { end_date: today() })).status).toBe(404);
    expect((await call('POST', url, m.owner.token, { end_date: 5 })).status).toBe(400);
  });
});

describe('set_paused, set_downscaled, set_restrict_member_access (provider flags)', () => {
  const FLAGS = ['paused', 'downscaled', 'restrict_member_access'] as const;

  it.each(FLAGS)('providers set and unset %s with an event naming actor and reason', async (flag) => {
    const r = await makeResource(s.tdb.db, m);
    const url = `${P}/${r.hex}/set_${flag}/`;
    const on = await call('POST', url, m.offeringManager.token, { [flag]: true, reason: 'maintenance' });
    expect(on.status, on.text).toBe(200);
    expect(on.body.status).toBe(`Resource ${flag.replaceAll('_', ' ')} has been changed.`);
    expect((await resourceRow(s.tdb.db, r.id))[flag]).toBe(true);
    const same = await call('POST', url, m.customerManager.token, { [flag]: true });
    expect(same.body.status).toBe(`Resource ${flag.replaceAll('_', ' ')} is not changed.`);
    expect((await call('POST', url, m.providerOwner.token, { [flag]: false })).status).toBe(200);
    expect((await resourceRow(s.tdb.db, r.id))[flag]).toBe(false);
    expect(await events(r.id)).toMatchObject([
      { event_type: 'marketplace_resource_flag_set', actor_id: m.offeringManager.id, reason: 'maintenance' },
      { event_type: 'marketplace_resource_flag_set', actor_id: m.providerOwner.id },
    ]);
  });

  it('shows paused and downscaled in the resource the agent reads', async () => {
    const r = await makeResource(s.tdb.db, m);
    await call('POST', `${P}/${r.hex}/set_paused/`, m.staff.token, { paused: true });
    await call('POST', `${P}/${r.hex}/set_downscaled/`, m.staff.token, { downscaled: true });
    const got = await s.request<{ paused: boolean; downscaled: boolean }>('GET', `${P}/${r.hex}/`, {
      token: m.offeringManager.token,
    });
    expect(got.body).toMatchObject({ paused: true, downscaled: true });
  });

  it('refuses consumers (403 visible, 404 on the provider path), outsiders (404) and bad bodies (400)', async () => {
    const r = await makeResource(s.tdb.db, m);
    for (const who of ['owner', 'projectAdmin', 'projectManager', 'projectMember'] as const) {
      expect(
        (await call('POST', `${R}/${r.hex}/set_paused/`, m[who].token, { paused: true })).status,
        who,
      ).toBe(403);
      expect(
        (await call('POST', `${P}/${r.hex}/set_paused/`, m[who].token, { paused: true })).status,
        who,
      ).toBe(404);
    }
    expect((await call('POST', `${P}/${r.hex}/set_paused/`, m.outsider.token, { paused: true })).status).toBe(
      404,
    );
    const bad = await call('POST', `${P}/${r.hex}/set_paused/`, m.providerOwner.token, { paused: 'soon' });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toContain('/body/paused');
    expect((await resourceRow(s.tdb.db, r.id)).paused).toBe(false);
  });
});
