import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  grant,
  makeCustomer,
  makeProject,
  makeServiceProvider,
  makeUser,
  type TestUser,
} from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering, VM_COMPONENTS } from '../support/offering-factories.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
type Plan = Record<string, unknown> & { uuid: string; url: string };
interface Row {
  id: number;
  uuid: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const PATH = '/api/marketplace-plans/';

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let spManager: TestUser;
let offeringManager: TestUser;
let admin: TestUser;
let ownerQ: TestUser;
let offering: Row;
let otherOffering: Row;
const offeringLink = (o: Row, collection = 'marketplace-provider-offerings') =>
  `${s.url}/api/${collection}/${hex(o.uuid)}/`;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  [owner, spManager, offeringManager, admin, ownerQ] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  const org = await makeCustomer(db);
  const orgQ = await makeCustomer(db);
  await makeServiceProvider(db, org.id);
  offering = await makeOffering(db, org.id, { components: VM_COMPONENTS, plans: [] });
  otherOffering = await makeOffering(db, orgQ.id, { shared: false });
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, spManager.id, 'CUSTOMER.MANAGER', { type: 'customer', id: org.id });
  await grant(db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: offering.id });
  await grant(db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: (await makeProject(db, org.id)).id });
  await grant(db, ownerQ.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgQ.id });
});
afterAll(() => s.close());

describe('POST /api/marketplace-plans/', () => {
  it('creates a plan: 201 with every ProviderPlanDetails must-have key, typed as the client parses it', async () => {
    const r = await s.request<Plan>('POST', PATH, {
      token: owner.token,
      body: {
        name: 'Medium',
        offering: offeringLink(offering),
        unit: 'month',
        unit_price: '10.10',
        max_amount: 5,
        prices: { cpu: '0.1', ram: 0.2, storage: '0.000000001' },
        quotas: { storage: 100 },
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body).toMatchObject({
      url: `${s.url}${PATH}${r.body.uuid}/`,
      name: 'Medium',
      is_active: true,
      init_price: 0,
      switch_price: 0,
      organization_groups: [],
      offering: offeringLink(offering),
      prices: { cpu: 0.1, ram: 0.2, storage: 0.000000001 },
      future_prices: {},
      quotas: { cpu: 0, ram: 0, storage: 100 },
      resources_count: 0,
      plan_type: 'limit',
      minimal_price: '0.3000000010',
      unit_price: '10.1000000000',
      max_amount: 5,
    });
    expect(r.body.components).toEqual([
      {
        type: 'cpu',
        name: 'CPU',
        measured_unit: 'cores',
        billing_type: 'limit',
        price: '0.1000000000',
        amount: 0,
      },
      {
        type: 'ram',
        name: 'RAM',
        measured_unit: 'GB',
        billing_type: 'limit',
        price: '0.2000000000',
        amount: 0,
      },
      {
        type: 'storage',
        name: 'Storage',
        measured_unit: 'GB',
        billing_type: 'limit',
        price: '0.0000000010',
        amount: 100,
      },
    ]);
  });

  it('accepts a dashed uuid in the hyperlink and lets a service provider manager and staff create', async () => {
    for (const u of [spManager, staff]) {
      const r = await s.request<Plan>('POST', PATH, {
        token: u.token,
        body: {
          name: 'Basic',
          offering: `http://elsewhere/api/marketplace-provider-offerings/${offering.uuid}/`,
        },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        unit_price: '0.0000000000',
        prices: {},
        quotas: {},
        plan_type: 'fixed',
      });
    }
  });

  it('answers 403 to an offering manager and a project admin of the provider', async () => {
    for (const u of [offeringManager, admin]) {
      const r = await s.request('POST', PATH, {
        token: u.token,
        body: { name: 'X', offering: offeringLink(offering) },
      });
      expect(r.status).toBe(403);
    }
  });

  it.each([
    { body: { name: 'X' }, pointer: '/body/offering' },
    { body: { offering: 'OFFERING' }, pointer: '/body/name' },
    { body: { name: 'X', offering: 'PUBLIC' }, pointer: '/body/offering' },
    { body: { name: 'X', offering: 'OTHER' }, pointer: '/body/offering' },
    { body: { name: 'X', offering: 'OFFERING', unit_price: 'x' }, pointer: '/body/unit_price' },
    { body: { name: 'X', offering: 'OFFERING', unit_price: -1 }, pointer: '/body/unit_price' },
    { body: { name: 'X', offering: 'OFFERING', max_amount: 0 }, pointer: '/body/max_amount' },
    { body: { name: 'X', offering: 'OFFERING', unit: 'week' }, pointer: '/body/unit' },
    { body: { name: 'X', offering: 'OFFERING', prices: { gpu: 1 } }, pointer: '/body/prices' },
    { body: { name: 'X', offering: 'OFFERING', quotas: { cpu: 'many' } }, pointer: '/body/quotas/cpu' },
  ])('answers 400 naming $pointer', async ({ body, pointer }) => {
    const links: Record<string, string> = {
      OFFERING: offeringLink(offering),
      PUBLIC: offeringLink(offering, 'marketplace-public-offerings'),
      OTHER: offeringLink(otherOffering),
    };
    const b = { ...body, ...('offering' in body ? { offering: links[body.offering ?? ''] } : {}) };
    const r = await s.request<Problem>('POST', PATH, { token: owner.token, body: b });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([pointer]);
  });

  it('answers 401 without a token', async () => {
    expect(
      (await s.request('POST', PATH, { body: { name: 'X', offering: offeringLink(offering) } })).status,
    ).toBe(401);
  });
});

describe('GET /api/marketplace-plans/', () => {
  it('lists the plans of visible offerings, filtered by offering_uuid (dashed or hex), with page headers', async () => {
    for (const id of [offering.uuid, hex(offering.uuid)]) {
      const r = await s.request<Plan[]>('GET', `${PATH}?offering_uuid=${id}&page_size=2`, {
        token: owner.token,
      });
      expect(r.status).toBe(200);
      expect(r.body).toHaveLength(2);
      expect(Number(r.headers.get('x-result-count'))).toBe(3);
      expect(r.headers.get('link')).toContain('rel="next"');
      for (const p of r.body) expect(p.offering).toBe(offeringLink(offering));
    }
    const mine = await s.request<Plan[]>('GET', `${PATH}?offering_uuid=${otherOffering.uuid}`, {
      token: owner.token,
    });
    expect(mine.body).toEqual([]);
  });

  it("retrieves a plan, and answers 404 for another organization's plan", async () => {
    const [plan] = (
      await s.request<Plan[]>('GET', `${PATH}?offering_uuid=${offering.uuid}`, { token: owner.token })
    ).body;
    const r = await s.request<Plan>('GET', `${PATH}${plan?.uuid}/`, { token: offeringManager.token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(plan);
    expect((await s.request('GET', `${PATH}${plan?.uuid}/`, { token: ownerQ.token })).status).toBe(404);
  });
});
