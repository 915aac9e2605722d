import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeProject, makeUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeResource } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;

const OU = '/api/marketplace-offering-users';
const ENABLED = { service_provider_can_create_offering_user: true };

interface OfferingUser {
  uuid: string;
  url: string;
  username: string | null;
  state: string;
  user_uuid: string;
  user_username: string;
  offering_uuid: string;
  service_provider_comment: string;
  service_provider_comment_url: string;
}
interface Problem {
  code: string;
  errors?: { pointer: string }[];
}

const list = (token: string, query = '') =>
  s.request<OfferingUser[]>('GET', `${OU}/?page_size=100${query}`, { token });
const ofOffering = (token: string, offeringUuid: string, extra = '') =>
  list(token, `&offering_uuid=${offeringUuid}${extra}`);
const post = <T = OfferingUser>(path: string, token: string, body?: unknown) =>
  s.request<T>('POST', path, { token, body });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', ENABLED);
  await makeResource(s.tdb.db, m);
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

/** A fresh offering user of `m`'s offering for a new person, created by the provider. */
async function freshOfferingUser(username?: string): Promise<OfferingUser> {
  const person = await makeUser(s.tdb.db);
  const res = await post(`${OU}/`, m.providerOwner.token, {
    user: `http://x/api/users/${hexOf(person.uuid)}/`,
    offering: `http://x/api/marketplace-provider-offerings/${hexOf(m.offering.uuid)}/`,
    ...(username ? { username } : {}),
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('state actions (the transition table)', () => {
  it('runs the agent’s path: begin_creating, then a username PATCH finishes it as OK', async () => {
    const ou = await freshOfferingUser();
    expect(ou.state).toBe('Requested');
    const begun = await post(`${OU}/${ou.uuid}/begin_creating/`, m.offeringManager.token);
    expect(begun.status, begun.text).toBe(200);
    expect(begun.body.state).toBe('Creating');
    const named = await s.request<OfferingUser>('PATCH', `${OU}/${ou.uuid}/`, {
      token: m.offeringManager.token,
      body: { username: 'alice01' },
    });
    expect(named.status, named.text).toBe(200);
    expect(named.body).toMatchObject({ username: 'alice01', state: 'OK' });
    const again = await post<Problem>(`${OU}/${ou.uuid}/begin_creating/`, m.offeringManager.token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('offering_user.invalid_state');
  });

  it('pending states keep the provider’s comment; set_validation_complete clears it', async () => {
    const ou = await freshOfferingUser();
    await post(`${OU}/${ou.uuid}/begin_creating/`, m.customerManager.token);
    const linking = await post(`${OU}/${ou.uuid}/set_pending_account_linking/`, m.customerManager.token, {
      comment: 'Link your account',
      comment_url: 'https://idp.example/link',
    });
    expect(linking.status, linking.text).toBe(200);
    expect(linking.body).toMatchObject({
      state: 'Pending account linking',
      service_provider_comment: 'Link your account',
      service_provider_comment_url: 'https://idp.example/link',
    });
    const validation = await post(`${OU}/${ou.uuid}/set_pending_additional_validation/`, m.staff.token, {
      comment: 'Upload ID',
    });
    expect(validation.body).toMatchObject({
      state: 'Pending additional validation',
      service_provider_comment: 'Upload ID',
    });
    const done = await post(`${OU}/${ou.uuid}/set_validation_complete/`, m.staff.token);
    expect(done.body).toMatchObject({
      state: 'OK',
      service_provider_comment: '',
      service_provider_comment_url: '',
    });
  });

  it('errors and retries: set_error_creating, begin_creating again, set_ok; deletion path', async () => {
    const ou = await freshOfferingUser();
    const path = [
      ['begin_creating', 'Creating'],
      ['set_error_creating', 'Error creating'],
      ['begin_creating', 'Creating'],
      ['set_ok', 'OK'],
      ['request_deletion', 'Requested deletion'],
      ['set_deleting', 'Deleting'],
      ['set_error_deleting', 'Error deleting'],
      ['set_deleting', 'Deleting'],
      ['set_deleted', 'Deleted'],
    ] as const;
    for (const [action, state] of path) {
      const res = await post(`${OU}/${ou.uuid}/${action}/`, m.providerOwner.token);
      expect(res.status, `${action}: ${res.text}`).toBe(200);
      expect(res.body.state).toBe(state);
    }
  });

  it.each([
    ['set_validation_complete', 'Requested'],
    ['set_ok', 'OK'],
    ['set_deleted', 'OK'],
    ['set_error_creating', 'OK'],
  ] as const)('%s from %s is 409', async (action, from) => {
    const ou = await freshOfferingUser(from === 'OK' ? 'bob' : undefined);
    expect(ou.state).toBe(from);
    const res = await post<Problem>(`${OU}/${ou.uuid}/${action}/`, m.providerOwner.token);
    expect(res.status, res.text).toBe(409);
    expect(res.body.code).toBe('offering_user.invalid_state');
  });

  it('the person themself and consumers may not act (403); outsiders get 404; 403 comes before the body', async () => {
    const ou = await freshOfferingUser();
    const own = (await list(m.projectAdmin.token, `&offering_uuid=${m.offering.uuid}`)).body[0];
    expect((await post(`${OU}/${own?.uuid}/begin_creating/`, m.projectAdmin.token)).status).toBe(403);
    expect((await post(`${OU}/${ou.uuid}/begin_creating/`, m.outsider.token)).status).toBe(404);
    expect((await post(`${OU}/${ou.uuid}/begin_creating/`, m.support.token)).status).toBe(403);
    const early = await post(`${OU}/${own?.uuid}/set_pending_account_linking/`, m.projectAdmin.token, {
      comment_url: 'not a url',
    });
    expect(early.status).toBe(403);
  });

  it('a bad transition body is a 400 naming the field', async () => {
    const ou = await freshOfferingUser();
    const res = await post<Problem>(`${OU}/${ou.uuid}/set_pending_account_linking/`, m.staff.token, {
      comment: 5,
      comment_url: 'not a url',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.pointer).sort()).toEqual(['/body/comment', '/body/comment_url']);
    expect((await s.request('POST', `${OU}/not-a-uuid/set_ok/`, { token: m.staff.token })).status).toBe(400);
  });
});

describe('create, edit, delete', () => {
  it('provider roles create; the uuid fields work as well as hyperlinks; a username makes it OK', async () => {
    for (const who of ['staff', 'providerOwner', 'customerManager', 'offeringManager'] as const) {
      const person = await makeUser(s.tdb.db);
      const res = await post(`${OU}/`, m[who].token, {
        user_uuid: person.uuid,
        offering_uuid: m.offering.uuid,
        username: `u-${who}`,
      });
      expect(res.status, `${who}: ${res.text}`).toBe(201);
      expect(res.body).toMatchObject({ state: 'OK', username: `u-${who}`, user_uuid: hexOf(person.uuid) });
    }
  });

  it('an offering the caller cannot manage, duplicates, unknown people and disabled offerings are 400s', async () => {
    const person = await makeUser(s.tdb.db);
    const body = { user_uuid: person.uuid, offering_uuid: m.offering.uuid };
    expect((await post(`${OU}/`, m.projectAdmin.token, body)).status).toBe(400);
    expect((await post(`${OU}/`, m.owner.token, body)).status).toBe(400);
    const cases: [unknown, string, string?][] = [
      [{ offering_uuid: m.offering.uuid }, '/body/user'],
      [{ user_uuid: person.uuid }, '/body/offering'],
      [{ ...body, user_uuid: '00000000-0000-0000-0000-000000000000' }, '/body/user'],
      [{ user_uuid: person.uuid, offering: 'http://x/api/customers/abc/' }, '/body/offering'],
      [{ ...body, username: 7 }, '/body/username'],
    ];
    for (const [b, pointer] of cases) {
      const res = await post<Problem>(`${OU}/`, m.staff.token, b);
      expect(res.status, res.text).toBe(400);
      expect(res.body.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    expect((await post(`${OU}/`, m.staff.token, body)).status).toBe(201);
    const dup = await post<Problem>(`${OU}/`, m.staff.token, body);
    expect(dup.status).toBe(400);
    expect(dup.body.code).toBe('offering_user.duplicate');
    const closed = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {});
    const off = await post<Problem>(`${OU}/`, closed.staff.token, {
      ...body,
      offering_uuid: closed.offering.uuid,
    });
    expect(off.status).toBe(400);
    expect(off.body.code).toBe('offering_user.creation_disabled');
  });

  it('the person themself may not rename (403); a bad username is 400; delete is provider-only', async () => {
    const own = (await list(m.projectManager.token, `&offering_uuid=${m.offering.uuid}`)).body[0];
    const rename = await s.request('PATCH', `${OU}/${own?.uuid}/`, {
      token: m.projectManager.token,
      body: { username: 'me' },
    });
    expect(rename.status).toBe(403);
    const ou = await freshOfferingUser();
    const bad = await s.request<Problem>('PATCH', `${OU}/${ou.uuid}/`, {
      token: m.staff.token,
      body: { username: 'x'.repeat(101) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.pointer)).toEqual(['/body/username']);
    expect((await s.request('DELETE', `${OU}/${ou.uuid}/`, { token: m.projectAdmin.token })).status).toBe(
      404,
    );
    expect((await s.request('DELETE', `${OU}/${own?.uuid}/`, { token: m.projectManager.token })).status).toBe(
      403,
    );
    expect((await s.request('DELETE', `${OU}/${ou.uuid}/`, { token: m.offeringManager.token })).status).toBe(
      204,
    );
    expect((await s.request('GET', `${OU}/${ou.uuid}/`, { token: m.staff.token })).status).toBe(404);
  });
});

describe('restriction and permission edges', () => {
  it('update_restricted flags the account (provider only), and is_restricted filters on it', async () => {
    const ou = await freshOfferingUser('restricted-one');
    const res = await post(`${OU}/${ou.uuid}/update_restricted/`, m.offeringManager.token, {
      is_restricted: true,
    });
    expect(res.status, res.text).toBe(200);
    const restricted = await ofOffering(m.staff.token, m.offering.uuid, '&is_restricted=true');
    expect(restricted.body.map((o) => o.uuid)).toEqual([ou.uuid]);
    const bad = await post<Problem>(`${OU}/${ou.uuid}/update_restricted/`, m.staff.token, {
      is_restricted: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.pointer)).toEqual(['/body/is_restricted']);
    const own = (await list(m.projectAdmin.token, `&offering_uuid=${m.offering.uuid}`)).body[0];
    expect(
      (await post(`${OU}/${own?.uuid}/update_restricted/`, m.projectAdmin.token, { is_restricted: true }))
        .status,
    ).toBe(403);
  });

  it('someone who sees the offering without managing it gets 403 on create', async () => {
    const inside = await makeProject(s.tdb.db, await providerCustomerId());
    const person = await makeUser(s.tdb.db);
    await grant(s.tdb.db, person.id, 'PROJECT.ADMIN', { type: 'project', id: inside.id });
    const res = await post<Problem>(`${OU}/`, person.token, {
      user_uuid: person.uuid,
      offering_uuid: m.offering.uuid,
    });
    expect(res.status, res.text).toBe(403);
  });
});

async function providerCustomerId(): Promise<number> {
  const o = await s.tdb.db
    .selectFrom('offerings')
    .select('customer_id')
    .where('id', '=', m.offering.id)
    .executeTakeFirstOrThrow();
  return o.customer_id;
}
