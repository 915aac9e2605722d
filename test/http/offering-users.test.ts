import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import {
  ENABLED,
  type OfferingUser,
  OU,
  offeringUserCalls,
  type Problem,
  startOfferingUsers,
} from '../support/offering-users.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeResource } from '../support/resource-factories.js';

// Offering users: automatic creation and deletion, the resource team, visibility and filters.
let s: TestServer;
let m: Marketplace;
const { list, ofOffering, post } = offeringUserCalls(() => ({ s, m }));

beforeAll(async () => {
  ({ s, m } = await startOfferingUsers());
});
afterAll(() => s.close());

describe('automatic creation (Waldur: role granted / resource creation succeeded)', () => {
  it('creates one Requested offering user per project member once the project has a live resource', async () => {
    const res = await ofOffering(m.providerOwner.token, m.offering.uuid);
    expect(res.status, res.text).toBe(200);
    const people = [m.projectAdmin, m.projectManager, m.projectMember].map((u) => hexOf(u.uuid)).sort();
    expect(res.body.map((o) => o.user_uuid).sort()).toEqual(people);
    expect(res.body.every((o) => o.state === 'Requested' && o.username === null)).toBe(true);
    expect(res.headers.get('x-result-count')).toBe('3');
    const again = await ofOffering(m.staff.token, m.offering.uuid);
    expect(again.body).toHaveLength(3);
  });

  it('a new project member gets one on the next read', async () => {
    const m2 = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', ENABLED);
    await makeResource(s.tdb.db, m2);
    expect((await ofOffering(m2.staff.token, m2.offering.uuid)).body).toHaveLength(3);
    const newcomer = await makeUser(s.tdb.db);
    const add = await post(`/api/projects/${hexOf(m2.project.uuid)}/add_user/`, m2.owner.token, {
      user: newcomer.uuid,
      role: 'PROJECT.MANAGER',
    });
    expect(add.status, add.text).toBe(201);
    const mine = await list(newcomer.token);
    expect(mine.body.map((o) => o.offering_uuid)).toEqual([hexOf(m2.offering.uuid)]);
  });

  it('names the account at once under a generating username policy, so it starts OK', async () => {
    const m2 = await makeMarketplace(s.tdb.db, 'Marketplace.Script', {
      ...ENABLED,
      username_generation_policy: 'waldur_username',
    });
    await makeResource(s.tdb.db, m2);
    const res = await ofOffering(m2.staff.token, m2.offering.uuid);
    expect(res.body).toHaveLength(3);
    for (const o of res.body) expect(o).toMatchObject({ state: 'OK', username: o.user_username });
    const m3 = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
      ...ENABLED,
      username_generation_policy: 'anonymized',
      username_anonymized_prefix: 'anon_',
    });
    await makeResource(s.tdb.db, m3);
    const anon = await ofOffering(m3.staff.token, m3.offering.uuid);
    expect(anon.body.map((o) => o.username).sort()).toEqual(['anon_00001', 'anon_00002', 'anon_00003']);
  });

  it.each([
    ['the offering does not allow offering users', 'Marketplace.Slurm', {}, 'OK'],
    ['the offering type has no offering users', 'Marketplace.Booking', ENABLED, 'OK'],
    ['the resource is still being created', 'Marketplace.Slurm', ENABLED, 'Creating'],
    ['the resource is terminated', 'Marketplace.Slurm', ENABLED, 'Terminated'],
  ] as const)('creates none when %s', async (_why, type, options, state) => {
    const m2 = await makeMarketplace(s.tdb.db, type, options);
    await makeResource(s.tdb.db, m2, { state });
    const res = await ofOffering(m2.staff.token, m2.offering.uuid);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});

describe('offering_user_auto_deletion', () => {
  it('marks the account of someone who lost project access for deletion, only where the offering asks', async () => {
    const revoke = (mk: Marketplace) =>
      s.tdb.db
        .updateTable('user_roles')
        .set({ is_active: false })
        .where('user_id', '=', mk.projectManager.id)
        .where('scope_type', '=', 'project')
        .execute();
    const stateOf = async (mk: Marketplace) =>
      (await ofOffering(mk.staff.token, mk.offering.uuid, `&user_uuid=${mk.projectManager.uuid}`)).body[0]
        ?.state;
    const auto = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
      ...ENABLED,
      username_generation_policy: 'waldur_username',
      offering_user_auto_deletion: true,
    });
    await makeResource(s.tdb.db, auto);
    expect(await stateOf(auto)).toBe('OK');
    await revoke(auto);
    expect(await stateOf(auto)).toBe('Requested deletion');
    const others = await ofOffering(auto.staff.token, auto.offering.uuid, '&state=OK');
    expect(others.body).toHaveLength(2);
    const manual = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
      ...ENABLED,
      username_generation_policy: 'waldur_username',
    });
    await makeResource(s.tdb.db, manual);
    expect(await stateOf(manual)).toBe('OK');
    await revoke(manual);
    expect(await stateOf(manual)).toBe('OK');
  });
});

describe('resource team', () => {
  it('shows each member’s offering user username and state (the agent provisions from these)', async () => {
    const m2 = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
      ...ENABLED,
      username_generation_policy: 'waldur_username',
    });
    const r = await makeResource(s.tdb.db, m2);
    const team = await s.request<
      { username: string; offering_user_username: string | null; offering_user_state: string | null }[]
    >('GET', `/api/marketplace-provider-resources/${r.hex}/team/`, { token: m2.offeringManager.token });
    expect(team.status, team.text).toBe(200);
    expect(team.body).toHaveLength(3);
    for (const t of team.body)
      expect(t).toMatchObject({ offering_user_username: t.username, offering_user_state: 'OK' });
    const plain = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const r2 = await makeResource(s.tdb.db, plain);
    const none = await s.request<{ offering_user_username: string | null }[]>(
      'GET',
      `/api/marketplace-provider-resources/${r2.hex}/team/`,
      { token: plain.offeringManager.token },
    );
    expect(none.body.map((t) => t.offering_user_username)).toEqual([null, null, null]);
  });
});

describe('visibility', () => {
  it.each(['staff', 'support', 'providerOwner', 'customerManager', 'offeringManager'] as const)(
    '%s sees every offering user of the offering',
    async (who) => {
      const res = await ofOffering(m[who].token, m.offering.uuid);
      expect(res.body).toHaveLength(3);
    },
  );

  it('a user sees only their own; an outsider sees none and gets 404 on a detail', async () => {
    const own = await list(m.projectAdmin.token, `&offering_uuid=${m.offering.uuid}`);
    expect(own.body.map((o) => o.user_uuid)).toEqual([hexOf(m.projectAdmin.uuid)]);
    const all = await ofOffering(m.staff.token, m.offering.uuid);
    const other = all.body.find((o) => o.user_uuid === hexOf(m.projectManager.uuid));
    expect((await s.request('GET', `${OU}/${other?.uuid}/`, { token: m.projectAdmin.token })).status).toBe(
      404,
    );
    expect((await ofOffering(m.outsider.token, m.offering.uuid)).body).toEqual([]);
    expect((await s.request('GET', `${OU}/${other?.uuid}/`, { token: m.outsider.token })).status).toBe(404);
    const mine = own.body[0];
    const detail = await s.request<OfferingUser>('GET', `${OU}/${mine?.uuid}/`, {
      token: m.projectAdmin.token,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.url).toContain(`${OU}/${mine?.uuid}/`);
  });

  it('another organization’s provider staff see none of them', async () => {
    const other = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', ENABLED);
    expect((await ofOffering(other.providerOwner.token, m.offering.uuid)).body).toEqual([]);
    expect((await ofOffering(other.offeringManager.token, m.offering.uuid)).body).toEqual([]);
  });
});

describe('filters', () => {
  it('filters by state, user, restriction, query and field', async () => {
    const t = m.staff.token;
    expect((await ofOffering(t, m.offering.uuid, '&state=Requested')).body).toHaveLength(3);
    expect((await ofOffering(t, m.offering.uuid, '&state=OK')).body).toHaveLength(0);
    expect((await ofOffering(t, m.offering.uuid, '&is_restricted=false')).body).toHaveLength(3);
    expect((await ofOffering(t, m.offering.uuid, '&is_restricted=true')).body).toHaveLength(0);
    const byUser = await ofOffering(t, m.offering.uuid, `&user_uuid=${m.projectAdmin.uuid}`);
    expect(byUser.body.map((o) => o.user_uuid)).toEqual([hexOf(m.projectAdmin.uuid)]);
    const byQuery = await ofOffering(t, m.offering.uuid, `&query=${m.projectManager.username}`);
    expect(byQuery.body.map((o) => o.user_uuid)).toEqual([hexOf(m.projectManager.uuid)]);
    const modified = await ofOffering(t, m.offering.uuid, '&modified=2000-01-01T00:00:00Z&o=-created');
    expect(modified.body).toHaveLength(3);
    const head = await s.request('HEAD', `${OU}/?offering_uuid=${m.offering.uuid}&state=Requested`, {
      token: t,
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-result-count')).toBe('3');
    const sparse = await ofOffering(t, m.offering.uuid, '&field=username&field=state');
    expect(Object.keys(sparse.body[0] ?? {}).sort()).toEqual(['state', 'username']);
  });

  it.each([
    ['state=Bogus', '/query/state'],
    ['offering_uuid=nope', '/query/offering_uuid'],
    ['is_restricted=maybe', '/query/is_restricted'],
    ['modified=yesterday', '/query/modified'],
    ['o=password', '/query/o'],
  ])('answers 400 naming the field for %s', async (q, pointer) => {
    const res = await s.request<Problem>('GET', `${OU}/?${q}`, { token: m.staff.token });
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors?.map((e) => e.pointer.replace(/\/\d+$/, ''))).toContain(pointer);
  });
});
