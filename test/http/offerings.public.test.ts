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

interface Plan {
  uuid: string;
  url: string;
  name: string;
  unit: string;
  unit_price: string;
  is_active: boolean;
  prices: Record<string, number>;
  quotas: Record<string, number>;
}
interface Offering {
  url: string;
  uuid: string;
  type: string;
  state: string;
  customer_uuid: string;
  plans: Plan[];
  components: { type: string }[];
}
interface Made {
  id: number;
  uuid: string;
  plans: { id: number; uuid: string }[];
}

const HEX32 = /^[0-9a-f]{32}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const PATH = '/api/marketplace-public-offerings/';

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let providerAdmin: TestUser;
let outsider: TestUser;
let org: { id: number; uuid: string };
let shared: Made;
let paused: Made;
let draft: Made;
let archived: Made;
let privateOne: Made;

const uuids = (list: { uuid: string }[]) => list.map((o) => o.uuid);
const listAs = async (u: TestUser, query = '') =>
  s.request<Offering[]>('GET', `${PATH}?customer_uuid=${org.uuid}&page_size=100${query}`, { token: u.token });

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  [owner, providerAdmin, outsider] = await Promise.all([makeUser(db), makeUser(db), makeUser(db)]);
  org = await makeCustomer(db);
  await makeServiceProvider(db, org.id);
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, providerAdmin.id, 'PROJECT.ADMIN', {
    type: 'project',
    id: (await makeProject(db, org.id)).id,
  });
  shared = await makeOffering(db, org.id, {
    name: 'A shared',
    type: 'Marketplace.Slurm',
    components: VM_COMPONENTS,
    plans: [
      { name: 'Small', unit_price: '1.5000000000', prices: { cpu: '2' }, quotas: { ram: '4' } },
      { name: 'Old' },
    ],
  });
  await db.updateTable('plans').set({ archived: true }).where('id', '=', shared.plans[1]!.id).execute();
  paused = await makeOffering(db, org.id, { name: 'B paused', state: 'Paused' });
  draft = await makeOffering(db, org.id, { state: 'Draft' });
  archived = await makeOffering(db, org.id, { state: 'Archived' });
  privateOne = await makeOffering(db, org.id, { name: 'C private', shared: false });
});
afterAll(() => s.close());

describe('GET /api/marketplace-public-offerings/', () => {
  it('lists Active and Paused shared offerings to any signed-in user, by name, with the count', async () => {
    const r = await listAs(outsider);
    expect(r.status).toBe(200);
    expect(uuids(r.body)).toEqual([hex(shared.uuid), hex(paused.uuid)]);
    expect(r.headers.get('x-result-count')).toBe('2');
    expect(r.headers.get('link')).toContain('rel="first"');
  });

  it('shows non-shared offerings to the people of the organization, and to staff', async () => {
    for (const u of [owner, providerAdmin, staff]) {
      expect(uuids((await listAs(u)).body)).toEqual([
        hex(shared.uuid),
        hex(paused.uuid),
        hex(privateOne.uuid),
      ]);
    }
  });

  it('filters by state and type', async () => {
    expect(uuids((await listAs(outsider, '&state=Paused')).body)).toEqual([hex(paused.uuid)]);
    expect(uuids((await listAs(outsider, '&type=Marketplace.Slurm')).body)).toEqual([hex(shared.uuid)]);
  });

  it('answers HEAD with the count and 401 without a token', async () => {
    const head = await s.request('HEAD', `${PATH}?customer_uuid=${org.uuid}`, { token: outsider.token });
    expect(head.headers.get('x-result-count')).toBe('2');
    expect((await s.request('GET', PATH)).status).toBe(401);
  });
});

describe('GET /api/marketplace-public-offerings/{uuid}/', () => {
  it('shows components and the active plans, each with its public plan URL', async () => {
    const r = await s.request<Offering>('GET', `${PATH}${shared.uuid}/`, { token: outsider.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      url: `${s.url}${PATH}${hex(shared.uuid)}/`,
      type: 'Marketplace.Slurm',
      state: 'Active',
      customer_uuid: hex(org.uuid),
    });
    expect(r.body.components.map((c) => c.type)).toEqual(['cpu', 'ram', 'storage']);
    expect(r.body.plans).toHaveLength(1);
    const [plan] = r.body.plans;
    expect(plan?.uuid).toMatch(HEX32);
    expect(plan).toMatchObject({
      url: `${s.url}${PATH}${hex(shared.uuid)}/plans/${plan?.uuid}/`,
      name: 'Small',
      unit: 'month',
      unit_price: '1.5000000000',
      is_active: true,
      prices: { cpu: 2, ram: 0 },
      quotas: { cpu: 0, ram: 4 },
    });
  });

  it('answers 404 for drafts, archived offerings and private offerings of other organizations', async () => {
    for (const o of [draft, archived, privateOne]) {
      expect((await s.request('GET', `${PATH}${o.uuid}/`, { token: outsider.token })).status).toBe(404);
    }
    expect((await s.request('GET', `${PATH}${privateOne.uuid}/`, { token: owner.token })).status).toBe(200);
  });
});

describe('public plans', () => {
  it('lists and retrieves the plans at their public URLs', async () => {
    const list = await s.request<Plan[]>('GET', `${PATH}${shared.uuid}/plans/`, { token: outsider.token });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-result-count')).toBe('1');
    const [plan] = list.body;
    const one = await s.request<Plan>('GET', new URL(plan?.url ?? '').pathname, { token: outsider.token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(plan);
  });

  it('answers 404 for an archived plan, a plan of another offering, and an invisible offering', async () => {
    const [small, old] = shared.plans;
    const [pausedPlan] = paused.plans;
    expect(
      (await s.request('GET', `${PATH}${shared.uuid}/plans/${old?.uuid}/`, { token: owner.token })).status,
    ).toBe(404);
    expect(
      (await s.request('GET', `${PATH}${shared.uuid}/plans/${pausedPlan?.uuid}/`, { token: owner.token }))
        .status,
    ).toBe(404);
    expect(
      (await s.request('GET', `${PATH}${draft.uuid}/plans/${small?.uuid}/`, { token: outsider.token }))
        .status,
    ).toBe(404);
  });
});
