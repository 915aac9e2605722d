import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeProject, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering } from '../support/offering-factories.js';
import {
  hex,
  makeProviderCast,
  type Problem,
  type ProviderCast,
  pointers,
  type Row,
} from '../support/provider-cast.js';

type Offering = Awaited<ReturnType<typeof makeOffering>>;
interface Listed {
  uuid: string;
  organization_groups: { uuid: string; url: string }[];
  plans: { uuid: string; organization_groups: { uuid: string }[] }[];
}

let s: TestServer;
let c: ProviderCast;
let outsider: TestUser;
let project: Row;
let orgQUuid: string;

const offeringAction = (o: Row, a: string) => `/api/marketplace-provider-offerings/${hex(o.uuid)}/${a}/`;
const planAction = (p: Row, a: string) => `/api/marketplace-plans/${hex(p.uuid)}/${a}/`;

async function makeGroup(name: string): Promise<{ uuid: string; url: string }> {
  const r = await s.request<{ uuid: string; url: string }>('POST', '/api/organization-groups/', {
    token: c.staff.token,
    body: { name },
  });
  expect(r.status).toBe(201);
  return r.body;
}

async function joinGroups(customerUuid: string, groups: { url: string }[]) {
  const r = await s.request('POST', `/api/customers/${hex(customerUuid)}/update_organization_groups/`, {
    token: c.staff.token,
    body: { organization_groups: groups.map((g) => g.url) },
  });
  expect(r.status).toBe(200);
}

async function limit(path: string, groups: { url: string }[]) {
  const r = await s.request('POST', path, {
    token: c.staff.token,
    body: { organization_groups: groups.map((g) => g.url) },
  });
  expect(r.status).toBe(200);
}

async function publicUuids(u: TestUser): Promise<string[]> {
  const r = await s.request<Listed[]>('GET', '/api/marketplace-public-offerings/?page_size=300', {
    token: u.token,
  });
  expect(r.status).toBe(200);
  return r.body.map((o) => o.uuid);
}

function orderBody(o: Offering, plan: Row) {
  const ou = hex(o.uuid);
  return {
    project: `${s.url}/api/projects/${hex(project.uuid)}/`,
    offering: `${s.url}/api/marketplace-public-offerings/${ou}/`,
    plan: `${s.url}/api/marketplace-public-offerings/${ou}/plans/${hex(plan.uuid)}/`,
    attributes: { name: 'grouped' },
    limits: {},
  };
}

beforeAll(async () => {
  s = await startTestServer();
  c = await makeProviderCast(s.tdb.db);
  project = c.project;
  outsider = await makeUser(s.tdb.db);
  const orgX = await makeCustomer(s.tdb.db);
  await makeProject(s.tdb.db, orgX.id);
  await grant(s.tdb.db, outsider.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgX.id });
  orgQUuid = (
    await s.tdb.db
      .selectFrom('customers')
      .select('uuid')
      .where('id', '=', c.orgQ.id)
      .executeTakeFirstOrThrow()
  ).uuid;
});
afterAll(() => s.close());

describe('update_organization_groups / delete_organization_groups', () => {
  for (const kind of ['offering', 'plan'] as const) {
    it(`${kind}: staff and the provider owner; managers 403; consumers and others 404`, async () => {
      const o = await makeOffering(s.tdb.db, c.org.id);
      await grant(s.tdb.db, c.offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: o.id });
      const plan = o.plans[0] as Row;
      const path = (a: string) => (kind === 'offering' ? offeringAction(o, a) : planAction(plan, a));
      const g = await makeGroup(`${kind} group`);
      const body = { organization_groups: [g.url] };
      for (const u of [c.staff, c.owner]) {
        const r = await s.request('POST', path('update_organization_groups'), { token: u.token, body });
        expect(r.status).toBe(200);
      }
      const shown = await s.request<Listed>('GET', `/api/marketplace-provider-offerings/${hex(o.uuid)}/`, {
        token: c.owner.token,
      });
      const groupsShown =
        kind === 'offering'
          ? shown.body.organization_groups
          : (shown.body.plans[0]?.organization_groups ?? []);
      expect(groupsShown.map((x) => x.uuid)).toEqual([g.uuid]);
      if (kind === 'plan') {
        const p = await s.request<Listed>('GET', `/api/marketplace-plans/${hex(plan.uuid)}/`, {
          token: c.owner.token,
        });
        expect(p.body.organization_groups.map((x) => x.uuid)).toEqual([g.uuid]);
      }
      for (const [u, status] of [
        [c.spManager, 403],
        [c.offeringManager, 403],
        [c.admin, 404],
        [c.ownerQ, 404],
        [outsider, 404],
      ] as const) {
        const up = await s.request('POST', path('update_organization_groups'), { token: u.token, body });
        expect(up.status, u.username).toBe(status);
        expect((await s.request('POST', path('delete_organization_groups'), { token: u.token })).status).toBe(
          status,
        );
      }
      const del = await s.request('POST', path('delete_organization_groups'), { token: c.owner.token });
      expect(del.status).toBe(204);
      const after = await s.request<Listed>('GET', `/api/marketplace-provider-offerings/${hex(o.uuid)}/`, {
        token: c.owner.token,
      });
      expect(
        kind === 'offering' ? after.body.organization_groups : after.body.plans[0]?.organization_groups,
      ).toEqual([]);
    });
  }

  it('bad input: 400 naming organization_groups; archived offering: 409', async () => {
    const o = await makeOffering(s.tdb.db, c.org.id);
    const plan = o.plans[0] as Row;
    const missing = `${s.url}/api/organization-groups/${'2'.repeat(32)}/`;
    for (const path of [
      offeringAction(o, 'update_organization_groups'),
      planAction(plan, 'update_organization_groups'),
    ]) {
      for (const body of [
        {},
        { organization_groups: 'x' },
        { organization_groups: [missing] },
        { organization_groups: [1] },
      ]) {
        const r = await s.request<Problem>('POST', path, { token: c.owner.token, body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(pointers(r.body).some((p) => p.startsWith('/body/organization_groups'))).toBe(true);
      }
    }
    const archived = await makeOffering(s.tdb.db, c.org.id, { state: 'Archived' });
    const r = await s.request<Problem>('POST', offeringAction(archived, 'update_organization_groups'), {
      token: c.owner.token,
      body: { organization_groups: [] },
    });
    expect(r.status).toBe(409);
    expect(r.body.detail).toBe('It is not possible to update archived offering.');
  });
});

describe('catalogue visibility and ordering', () => {
  it('an offering limited to groups: listed and orderable only for their organizations, staff and its provider', async () => {
    const o = await makeOffering(s.tdb.db, c.org.id);
    const plan = o.plans[0] as Row;
    const g = await makeGroup('Offering audience');
    await limit(offeringAction(o, 'update_organization_groups'), [g]);
    const id = hex(o.uuid);

    for (const u of [c.ownerQ, c.admin, outsider]) expect(await publicUuids(u)).not.toContain(id);
    for (const u of [c.staff, c.owner, c.spManager]) expect(await publicUuids(u)).toContain(id);
    const hidden = await s.request('GET', `/api/marketplace-public-offerings/${id}/`, {
      token: c.ownerQ.token,
    });
    expect(hidden.status).toBe(404);
    const staffList = async (query: string) => {
      const r = await s.request<Listed[]>(
        'GET',
        `/api/marketplace-provider-offerings/?page_size=300&${query}`,
        {
          token: c.staff.token,
        },
      );
      return r.body.map((x) => x.uuid);
    };
    expect(await staffList(`organization_group_uuid=${g.uuid}`)).toEqual([id]);
    expect(await staffList(`allowed_customer_uuid=${hex(orgQUuid)}`)).not.toContain(id);

    const refused = await s.request<Problem>('POST', '/api/marketplace-orders/', {
      token: c.ownerQ.token,
      body: orderBody(o, plan),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe('This offering is not available for ordering.');
    expect(pointers(refused.body)).toEqual(['/body/offering']);
    // Staff, and the provider ordering for its own organization, are let through.
    const byStaff = await s.request('POST', '/api/marketplace-orders/', {
      token: c.staff.token,
      body: orderBody(o, plan),
    });
    expect(byStaff.status).toBe(201);
    const own = await makeProject(s.tdb.db, c.org.id);
    const byProvider = await s.request('POST', '/api/marketplace-orders/', {
      token: c.owner.token,
      body: { ...orderBody(o, plan), project: `${s.url}/api/projects/${hex(own.uuid)}/` },
    });
    expect(byProvider.status).toBe(201);

    await joinGroups(orgQUuid, [g]);
    for (const u of [c.ownerQ, c.admin]) expect(await publicUuids(u)).toContain(id);
    expect(await staffList(`allowed_customer_uuid=${hex(orgQUuid)}`)).toContain(id);
    expect(await publicUuids(outsider)).not.toContain(id);
    const ok = await s.request('POST', '/api/marketplace-orders/', {
      token: c.ownerQ.token,
      body: orderBody(o, plan),
    });
    expect(ok.status).toBe(201);
    await joinGroups(orgQUuid, []);
  });

  it('a plan limited to groups: hidden inside the public offering and refused for other organizations', async () => {
    const o = await makeOffering(s.tdb.db, c.org.id, { plans: [{ name: 'Open' }, { name: 'Members' }] });
    const [open, members] = o.plans as [Row, Row];
    const g = await makeGroup('Plan audience');
    await limit(planAction(members, 'update_organization_groups'), [g]);
    const id = hex(o.uuid);
    const plansOf = async (u: TestUser) => {
      const detail = await s.request<Listed>('GET', `/api/marketplace-public-offerings/${id}/`, {
        token: u.token,
      });
      const list = await s.request<{ uuid: string }[]>(
        'GET',
        `/api/marketplace-public-offerings/${id}/plans/`,
        {
          token: u.token,
        },
      );
      expect(detail.body.plans.map((p) => p.uuid)).toEqual(list.body.map((p) => p.uuid));
      return list.body.map((p) => p.uuid);
    };
    expect(await plansOf(c.ownerQ)).toEqual([hex(open.uuid)]);
    expect(await plansOf(c.staff)).toEqual([hex(open.uuid), hex(members.uuid)]);
    expect(await plansOf(c.owner)).toEqual([hex(open.uuid), hex(members.uuid)]);
    const planUrl = `/api/marketplace-public-offerings/${id}/plans/${hex(members.uuid)}/`;
    expect((await s.request('GET', planUrl, { token: c.ownerQ.token })).status).toBe(404);

    const refused = await s.request<Problem>('POST', '/api/marketplace-orders/', {
      token: c.ownerQ.token,
      body: orderBody(o, members),
    });
    expect(refused.status).toBe(400);
    expect(pointers(refused.body)).toEqual(['/body/plan']);
    const resource = await s.tdb.db
      .insertInto('resources')
      .values({ offering_id: o.id, project_id: project.id, plan_id: open.id, name: 'on open', state: 2 })
      .returning('uuid')
      .executeTakeFirstOrThrow();
    const switchUrl = `/api/marketplace-resources/${hex(resource.uuid)}/switch_plan/`;
    const switchBody = { plan: `${s.url}/api/marketplace-plans/${hex(members.uuid)}/` };
    const switchRefused = await s.request<Problem>('POST', switchUrl, {
      token: c.ownerQ.token,
      body: switchBody,
    });
    expect(switchRefused.status).toBe(400);
    expect(pointers(switchRefused.body)).toEqual(['/body/plan']);

    await joinGroups(orgQUuid, [g]);
    expect((await s.request('POST', switchUrl, { token: c.ownerQ.token, body: switchBody })).status).toBe(
      200,
    );
    expect(await plansOf(c.admin)).toEqual([hex(open.uuid), hex(members.uuid)]);
    const ok = await s.request('POST', '/api/marketplace-orders/', {
      token: c.ownerQ.token,
      body: orderBody(o, members),
    });
    expect(ok.status).toBe(201);
    await joinGroups(orgQUuid, []);
  });
});
