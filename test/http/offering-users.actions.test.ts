import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeProject, makeUser } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import {
  type OfferingUser,
  OU,
  offeringUserCalls,
  type Problem,
  startOfferingUsers,
} from '../support/offering-users.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf } from '../support/resource-factories.js';

// Offering users: the state actions, create/edit/delete and the permission edges.
let s: TestServer;
let m: Marketplace;
const { list, ofOffering, post, freshOfferingUser, providerCustomerId } = offeringUserCalls(() => ({ s, m }));

beforeAll(async () => {
  ({ s, m } = await startOfferingUsers());
});
afterAll(() => s.close());

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
