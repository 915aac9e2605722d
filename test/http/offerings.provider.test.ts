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
import { makeCategory, makeOffering } from '../support/offering-factories.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface Offering {
  url: string;
  uuid: string;
  name: string;
  type: string;
  state: string;
  customer_uuid: string;
  shared: boolean;
  plugin_options: Record<string, unknown>;
  secret_options?: Record<string, unknown>;
  options: Record<string, unknown>;
  components: Record<string, unknown>[];
  plans: Record<string, unknown>[];
}
interface Row {
  id: number;
  uuid: string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];
const PATH = '/api/marketplace-provider-offerings/';
const PLAN_KEYS = [
  'url',
  'uuid',
  'name',
  'is_active',
  'init_price',
  'switch_price',
  'organization_groups',
  'components',
  'offering',
  'prices',
  'future_prices',
  'quotas',
  'resources_count',
  'plan_type',
  'minimal_price',
];
const COMPONENT_KEYS = [
  'type',
  'name',
  'billing_type',
  'measured_unit',
  'limit_period',
  'limit_amount',
  'min_value',
  'max_value',
  'is_prepaid',
];

let s: TestServer;
let staff: TestUser;
let support: TestUser;
let ownerP: TestUser;
let managerP: TestUser;
let adminP: TestUser;
let ownerN: TestUser;
let ownerQ: TestUser;
let outsider: TestUser;
let orgP: Row;
let orgN: Row;
let orgQ: Row;
let category: Row;
let privateQ: Row;
const link = (collection: string, row: Row) => `${s.url}/api/${collection}/${hex(row.uuid)}/`;
const body = (org: Row, extra: Record<string, unknown> = {}) => ({
  name: 'Cloud VMs',
  category: link('marketplace-categories', category),
  customer: link('customers', org),
  type: 'Marketplace.Basic',
  ...extra,
});

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  support = await makeUser(db, { support: true });
  [ownerP, managerP, adminP, ownerN, ownerQ, outsider] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  [orgP, orgN, orgQ] = await Promise.all([makeCustomer(db), makeCustomer(db), makeCustomer(db)]);
  await makeServiceProvider(db, orgP.id);
  await makeServiceProvider(db, orgQ.id);
  await grant(db, ownerP.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgP.id });
  await grant(db, managerP.id, 'CUSTOMER.MANAGER', { type: 'customer', id: orgP.id });
  await grant(db, adminP.id, 'PROJECT.ADMIN', { type: 'project', id: (await makeProject(db, orgP.id)).id });
  await grant(db, ownerN.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgN.id });
  await grant(db, ownerQ.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgQ.id });
  category = await makeCategory(db);
  privateQ = await makeOffering(db, orgQ.id, { shared: false, state: 'Draft' });
});
afterAll(() => s.close());

describe('POST /api/marketplace-provider-offerings/', () => {
  it('creates a Draft offering with inline components and plans: 201 with every key clients read', async () => {
    const r = await s.request<Offering>('POST', PATH, {
      token: ownerP.token,
      body: body(orgP, {
        type: 'Marketplace.Slurm',
        plugin_options: { auto_approve_in_service_provider_projects: true },
        options: { options: { flavor: { type: 'string', label: 'Flavor' } }, order: ['flavor'] },
        components: [
          { type: 'cpu', name: 'CPU', billing_type: 'limit', measured_unit: 'cores', limit_period: '' },
          { type: 'storage', name: 'Storage', billing_type: 'usage' },
        ],
        plans: [{ name: 'Standard', unit: 'month', unit_price: '10.5', prices: { cpu: 2 }, quotas: {} }],
      }),
    });
    expect(r.status).toBe(201);
    expect(r.body.uuid).toMatch(HEX32);
    expect(r.body.url).toBe(`${s.url}${PATH}${r.body.uuid}/`);
    expect(r.body).toMatchObject({
      type: 'Marketplace.Slurm',
      state: 'Draft',
      customer_uuid: hex(orgP.uuid),
      plugin_options: { auto_approve_in_service_provider_projects: true },
      options: { options: { flavor: { type: 'string', label: 'Flavor' } } },
    });
    expect(r.body).not.toHaveProperty('secret_options');
    expect(r.body.components.map((c) => c.type)).toEqual(['cpu', 'storage']);
    for (const c of r.body.components) for (const k of COMPONENT_KEYS) expect(c).toHaveProperty(k);
    expect(r.body.components[0]).toMatchObject({ limit_period: null, is_prepaid: false });
    const [plan] = r.body.plans;
    for (const k of PLAN_KEYS) expect(plan).toHaveProperty(k);
    expect(plan).toMatchObject({
      name: 'Standard',
      unit: 'month',
      unit_price: '10.5000000000',
      prices: { cpu: 2 },
      offering: r.body.url,
      organization_groups: [],
      future_prices: {},
      quotas: { cpu: 0 },
      plan_type: 'limit',
      minimal_price: '2.0000000000',
    });
  });

  it('lets a service provider manager create, with defaults ({} objects, [] lists, shared)', async () => {
    const r = await s.request<Offering>('POST', PATH, { token: managerP.token, body: body(orgP) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      shared: true,
      plugin_options: {},
      options: {},
      components: [],
      plans: [],
    });
  });

  it('lets staff set secret_options and shows them to staff only', async () => {
    const secret = { create: '#!/bin/sh\necho hi' };
    const r = await s.request<Offering>('POST', PATH, {
      token: staff.token,
      body: body(orgP, { type: 'Marketplace.Script', secret_options: secret }),
    });
    expect(r.status).toBe(201);
    expect(r.body.secret_options).toEqual(secret);
    const asOwner = await s.request<Offering>('GET', `${PATH}${r.body.uuid}/`, { token: ownerP.token });
    expect(asOwner.status).toBe(200);
    expect(asOwner.body).not.toHaveProperty('secret_options');
    expect(asOwner.text).not.toContain('echo hi');
  });

  it('answers 403 to an owner setting secret_options', async () => {
    const r = await s.request<Problem>('POST', PATH, {
      token: ownerP.token,
      body: body(orgP, { secret_options: { token: 'x' } }),
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('offering.secret_options_staff_only');
  });

  it('answers 403 to a project admin of the provider (sees the organization, may not publish)', async () => {
    const r = await s.request<Problem>('POST', PATH, { token: adminP.token, body: body(orgP) });
    expect(r.status).toBe(403);
  });

  it('refuses an organization that is not a service provider with 400 naming customer', async () => {
    const r = await s.request<Problem>('POST', PATH, { token: ownerN.token, body: body(orgN) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('offering.not_service_provider');
    expect(pointers(r.body)).toEqual(['/body/customer']);
  });

  it('refuses an organization the caller cannot see with 400 naming customer', async () => {
    const r = await s.request<Problem>('POST', PATH, { token: outsider.token, body: body(orgP) });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/customer']);
  });

  it.each(['name', 'category', 'type', 'customer'])(
    'answers 400 naming %s when it is missing',
    async (field) => {
      const b: Record<string, unknown> = body(orgP);
      delete b[field];
      const r = await s.request<Problem>('POST', PATH, { token: ownerP.token, body: b });
      expect(r.status).toBe(400);
      expect(pointers(r.body)).toEqual([`/body/${field}`]);
    },
  );

  it.each([
    { field: 'type', value: 'Marketplace.Unknown', pointer: '/body/type' },
    { field: 'name', value: 5, pointer: '/body/name' },
    { field: 'shared', value: 'yes', pointer: '/body/shared' },
    { field: 'plugin_options', value: [1], pointer: '/body/plugin_options' },
    {
      field: 'category',
      value: 'https://h/api/customers/00000000000040008000000000000000/',
      pointer: '/body/category',
    },
    {
      field: 'category',
      value: 'https://h/api/marketplace-categories/00000000000040008000000000000000/',
      pointer: '/body/category',
    },
    { field: 'components', value: { type: 'cpu' }, pointer: '/body/components' },
    {
      field: 'components',
      value: [{ type: 'cpu', name: 'CPU', billing_type: 'monthly' }],
      pointer: '/body/components/0/billing_type',
    },
    {
      field: 'components',
      value: [{ type: 'cpu', billing_type: 'limit' }],
      pointer: '/body/components/0/name',
    },
    { field: 'plans', value: [{ name: 'P', unit_price: 'ten' }], pointer: '/body/plans/0/unit_price' },
    { field: 'plans', value: [{ name: 'P', unit: 'fortnight' }], pointer: '/body/plans/0/unit' },
    { field: 'plans', value: [{ name: 'P', prices: { gpu: 1 } }], pointer: '/body/plans/0/prices' },
    {
      field: 'options',
      value: { options: { x: { type: 'string' } } },
      pointer: '/body/options/options/x/label',
    },
  ])('answers 400 naming $pointer for $field = $value', async ({ field, value, pointer }) => {
    const r = await s.request<Problem>('POST', PATH, {
      token: ownerP.token,
      body: body(orgP, { [field]: value }),
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual([pointer]);
  });

  it('refuses a component type listed twice with 400 naming components', async () => {
    const c = { type: 'cpu', name: 'CPU', billing_type: 'limit' };
    const r = await s.request<Problem>('POST', PATH, {
      token: ownerP.token,
      body: body(orgP, { components: [c, c] }),
    });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/components']);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('POST', PATH, { body: body(orgP) })).status).toBe(401);
  });
});

describe('GET /api/marketplace-provider-offerings/', () => {
  it("lists an owner's offerings, not another organization's, as a bare array with the count", async () => {
    const r = await s.request<Offering[]>('GET', `${PATH}?page_size=100`, { token: ownerP.token });
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(0);
    expect(r.headers.get('x-result-count')).toBe(String(r.body.length));
    expect(new Set(r.body.map((o) => o.customer_uuid))).toEqual(new Set([hex(orgP.uuid)]));
  });

  it('lets staff and support see every offering, private drafts included', async () => {
    for (const u of [staff, support]) {
      const r = await s.request<Offering[]>('GET', `${PATH}?customer_uuid=${orgQ.uuid}`, { token: u.token });
      expect(r.body.map((o) => o.uuid)).toContain(hex(privateQ.uuid));
    }
  });

  it('filters by type and state (repeatable; unknown labels dropped) and shared', async () => {
    const q = `customer_uuid=${hex(orgP.uuid)}&page_size=100`;
    const slurm = await s.request<Offering[]>('GET', `${PATH}?${q}&type=Marketplace.Slurm&type=Bogus`, {
      token: ownerP.token,
    });
    expect(slurm.body.length).toBeGreaterThan(0);
    expect(new Set(slurm.body.map((o) => o.type))).toEqual(new Set(['Marketplace.Slurm']));
    const drafts = await s.request<Offering[]>('GET', `${PATH}?${q}&state=Draft&state=Nope`, {
      token: ownerP.token,
    });
    expect(new Set(drafts.body.map((o) => o.state))).toEqual(new Set(['Draft']));
    const active = await s.request<Offering[]>('GET', `${PATH}?${q}&state=Active`, { token: ownerP.token });
    expect(active.body).toEqual([]);
    const notShared = await s.request<Offering[]>('GET', `${PATH}?${q}&shared=false`, {
      token: ownerP.token,
    });
    expect(notShared.body).toEqual([]);
  });

  it('pages with Link headers and answers HEAD with the count alone', async () => {
    const r = await s.request<Offering[]>('GET', `${PATH}?customer_uuid=${orgP.uuid}&page_size=1`, {
      token: ownerP.token,
    });
    const total = Number(r.headers.get('x-result-count'));
    expect(total).toBeGreaterThan(1);
    expect(r.body).toHaveLength(1);
    expect(r.headers.get('link')).toContain('page=2>; rel="next"');
    const head = await s.request('HEAD', `${PATH}?customer_uuid=${orgP.uuid}`, { token: ownerP.token });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-result-count')).toBe(String(total));
    expect(head.text).toBe('');
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('GET', PATH)).status).toBe(401);
  });
});

describe('GET /api/marketplace-provider-offerings/{uuid}/', () => {
  it("answers 404 for another organization's private offering and for strangers", async () => {
    for (const u of [ownerP, outsider]) {
      expect((await s.request('GET', `${PATH}${privateQ.uuid}/`, { token: u.token })).status).toBe(404);
    }
    expect((await s.request('GET', `${PATH}${privateQ.uuid}/`, { token: ownerQ.token })).status).toBe(200);
  });

  it('honours field= (the site agent asks for components, customer_uuid, plugin_options)', async () => {
    const r = await s.request<Record<string, unknown>>(
      'GET',
      `${PATH}${hex(privateQ.uuid)}/?field=customer_uuid&field=components&field=plugin_options`,
      { token: ownerQ.token },
    );
    // The factory's Basic offerings complete orders at approval (test/support/order-factories.ts).
    expect(r.body).toEqual({
      customer_uuid: hex(orgQ.uuid),
      components: [],
      plugin_options: { auto_complete_on_approval: true },
    });
  });
});
