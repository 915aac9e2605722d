import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentInput } from '../../src/modules/offerings/adapters/pg/component-repository.js';
import { insertPlan, type PlanInput } from '../../src/modules/offerings/adapters/pg/plan-repository.js';
import { applyDueFuturePrices } from '../../src/modules/offerings/adapters/pg/plan-writes.js';
import { grant, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering } from '../support/offering-factories.js';
import { hex, makeProviderCast, type Problem, pointers, type Row } from '../support/provider-cast.js';

type Plan = Record<string, unknown> & { uuid: string; prices: Record<string, number> };

const COMPONENTS: ComponentInput[] = [
  { type: 'cpu', name: 'CPU', billing_type: 'limit' },
  { type: 'license', name: 'License', billing_type: 'fixed' },
  { type: 'hours', name: 'Hours', billing_type: 'usage' },
];

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let spManager: TestUser;
let offeringManager: TestUser;
let admin: TestUser;
let ownerQ: TestUser;
let offering: Row & { customer_id: number; components: Row[] };
let project: Row;

async function newPlan(input: Partial<PlanInput> = {}): Promise<Row> {
  return s.tdb.db
    .transaction()
    .execute(async (tx) =>
      insertPlan(tx, offering.id, { name: 'P', ...input }, offering.components as never),
    );
}
const url = (p: Row, action = '') => `/api/marketplace-plans/${hex(p.uuid)}/${action ? `${action}/` : ''}`;
async function useByResource(plan: Row): Promise<void> {
  await s.tdb.db
    .insertInto('resources')
    .values({ offering_id: offering.id, project_id: project.id, plan_id: plan.id, name: 'r', limits: {} })
    .execute();
}
async function planRow(plan: Row) {
  return s.request<Plan>('GET', url(plan), { token: staff.token });
}

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  const cast = await makeProviderCast(db);
  ({ staff, owner, spManager, offeringManager, admin, ownerQ } = cast);
  const { org } = cast;
  project = cast.project;
  offering = await makeOffering(db, org.id, { components: COMPONENTS, plans: [] });
  await grant(db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: offering.id });
});
afterAll(() => s.close());

describe('PUT/PATCH /api/marketplace-plans/<uuid>/', () => {
  it('owner, provider manager and staff edit a plan; fields and prices change', async () => {
    for (const u of [owner, spManager, staff]) {
      const plan = await newPlan({ prices: { cpu: '1' } });
      const r = await s.request<Plan>('PATCH', url(plan), {
        token: u.token,
        body: { name: 'New name', unit_price: '3.5', prices: { cpu: '2', hours: 0.5 } },
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        name: 'New name',
        unit_price: '3.5000000000',
        prices: { cpu: 2, hours: 0.5 },
      });
    }
    const plan = await newPlan();
    const put = await s.request<Plan>('PUT', url(plan), {
      token: owner.token,
      body: { name: 'Put', description: 'd', unit: 'day', offering: 'ignored' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'Put', description: 'd', unit: 'day' });
  });

  it('offering manager and consumers: 403 or 404; another organization: 404', async () => {
    const plan = await newPlan();
    const om = await s.request<Problem>('PATCH', url(plan), {
      token: offeringManager.token,
      body: { name: 'x' },
    });
    expect(om.status).toBe(403);
    for (const u of [ownerQ, admin]) {
      const r = await s.request<Problem>('PATCH', url(plan), { token: u.token, body: { name: 'x' } });
      expect(r.status).toBe(404);
    }
    expect((await planRow(plan)).body.name).toBe('P');
  });

  it('a plan used by resources cannot be edited: 409 with Waldur message', async () => {
    const plan = await newPlan();
    await useByResource(plan);
    const r = await s.request<Problem>('PATCH', url(plan), { token: owner.token, body: { name: 'x' } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      code: 'plan.in_use',
      detail: 'It is not possible to update plan because it is used by resources.',
    });
  });

  it('bad input: 400 naming the field', async () => {
    const plan = await newPlan();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, '/body/name'],
      [{ unit_price: '-1' }, '/body/unit_price'],
      [{ max_amount: 0 }, '/body/max_amount'],
      [{ prices: { gpu: '1' } }, '/body/prices'],
    ];
    for (const [body, pointer] of cases) {
      const r = await s.request<Problem>('PATCH', url(plan), { token: owner.token, body });
      expect(r.status).toBe(400);
      expect(pointers(r.body)).toContain(pointer);
    }
    const put = await s.request<Problem>('PUT', url(plan), { token: owner.token, body: {} });
    expect(put.status).toBe(400);
    expect(pointers(put.body)).toContain('/body/name');
  });
});

describe('DELETE /api/marketplace-plans/<uuid>/', () => {
  it('deletes an unused plan: 204, then 404', async () => {
    const plan = await newPlan({ prices: { cpu: '1' } });
    expect((await s.request('DELETE', url(plan), { token: owner.token })).status).toBe(204);
    expect((await planRow(plan)).status).toBe(404);
  });

  it('refuses a plan in use: 409 with the reason; roles as for edits', async () => {
    const plan = await newPlan();
    await useByResource(plan);
    const r = await s.request<Problem>('DELETE', url(plan), { token: owner.token });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('plan.in_use');
    expect(r.body.detail).toContain('archive it instead');
    const unused = await newPlan();
    expect((await s.request('DELETE', url(unused), { token: offeringManager.token })).status).toBe(403);
    expect((await s.request('DELETE', url(unused), { token: ownerQ.token })).status).toBe(404);
    expect((await planRow(unused)).status).toBe(200);
  });
});

describe('POST …/archive/', () => {
  it('archives: 200 detail; again: 409 "Plan is already archived."', async () => {
    const plan = await newPlan();
    const r = await s.request<{ detail: string }>('POST', url(plan, 'archive'), { token: spManager.token });
    expect(r.status).toBe(200);
    expect(r.body.detail).toBe('Plan has been archived.');
    expect((await planRow(plan)).body).toMatchObject({ archived: true, is_active: false });
    const again = await s.request<Problem>('POST', url(plan, 'archive'), { token: owner.token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'plan.archived', detail: 'Plan is already archived.' });
  });

  it('new orders on an archived plan are refused: 400 at /body/plan', async () => {
    const plan = await newPlan();
    expect((await s.request('POST', url(plan, 'archive'), { token: owner.token })).status).toBe(200);
    const r = await s.request<Problem>('POST', '/api/marketplace-orders/', {
      token: admin.token,
      body: {
        project: `${s.url}/api/projects/${hex(project.uuid)}/`,
        offering: `${s.url}/api/marketplace-public-offerings/${hex(offering.uuid)}/`,
        plan: `${s.url}/api/marketplace-public-offerings/${hex(offering.uuid)}/plans/${hex(plan.uuid)}/`,
        attributes: { name: 'vm' },
        limits: { cpu: 1 },
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toContainEqual({ pointer: '/body/plan', detail: 'This plan is not available.' });
  });

  it('a plan in use can be archived; its resources keep it', async () => {
    const plan = await newPlan();
    await useByResource(plan);
    expect((await s.request('POST', url(plan, 'archive'), { token: staff.token })).status).toBe(200);
    const kept = await s.tdb.db.selectFrom('resources').select('id').where('plan_id', '=', plan.id).execute();
    expect(kept).toHaveLength(1);
  });

  it('offering manager: 403; another organization: 404', async () => {
    const plan = await newPlan();
    expect((await s.request('POST', url(plan, 'archive'), { token: offeringManager.token })).status).toBe(
      403,
    );
    expect((await s.request('POST', url(plan, 'archive'), { token: ownerQ.token })).status).toBe(404);
    expect((await planRow(plan)).body.archived).toBe(false);
  });
});

describe('POST …/update_prices/', () => {
  it('without resources the price changes now', async () => {
    const plan = await newPlan({ prices: { cpu: '1' } });
    const r = await s.request<Plan>('POST', url(plan, 'update_prices'), {
      token: owner.token,
      body: { prices: { cpu: 2 } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ prices: { cpu: 2 }, future_prices: {} });
  });

  it('with resources the price becomes a future price; the current one stays', async () => {
    const plan = await newPlan({ prices: { cpu: '1', hours: '3' } });
    await useByResource(plan);
    const r = await s.request<Plan>('POST', url(plan, 'update_prices'), {
      token: owner.token,
      body: { prices: { cpu: '2' } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ prices: { cpu: 1, hours: 3 }, future_prices: { cpu: 2, hours: 0 } });
    const now = new Date();
    const apply = (at: Date) => s.tdb.db.transaction().execute((tx) => applyDueFuturePrices(tx, at));
    await apply(now);
    expect((await planRow(plan)).body.prices).toEqual({ cpu: 1, hours: 3 });
    await apply(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2)));
    expect((await planRow(plan)).body).toMatchObject({ prices: { cpu: 2, hours: 0 }, future_prices: {} });
  });

  it('invalid components: 400 "Invalid components …"; bad price: 400; roles', async () => {
    const plan = await newPlan();
    const r = await s.request<Problem>('POST', url(plan, 'update_prices'), {
      token: owner.token,
      body: { prices: { gpu: 1, aaa: 1 } },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]).toEqual({ pointer: '/body/prices', detail: 'Invalid components aaa, gpu.' });
    for (const body of [{}, { prices: { cpu: -1 } }, { prices: 'x' }]) {
      const bad = await s.request<Problem>('POST', url(plan, 'update_prices'), { token: owner.token, body });
      expect(bad.status).toBe(400);
      expect(pointers(bad.body).join()).toContain('/body/prices');
    }
    const om = await s.request('POST', url(plan, 'update_prices'), {
      token: offeringManager.token,
      body: { prices: { cpu: 1 } },
    });
    expect(om.status).toBe(403);
    const q = await s.request('POST', url(plan, 'update_prices'), {
      token: admin.token,
      body: { prices: {} },
    });
    expect(q.status).toBe(404);
  });
});

describe('POST …/update_quotas/', () => {
  it('sets the amount of a fixed component; zero is allowed', async () => {
    const plan = await newPlan();
    const r = await s.request<Plan>('POST', url(plan, 'update_quotas'), {
      token: owner.token,
      body: { quotas: { license: 3 } },
    });
    expect(r.status).toBe(200);
    expect(r.body.quotas).toEqual({ license: 3 });
    const zero = await s.request<Plan>('POST', url(plan, 'update_quotas'), {
      token: owner.token,
      body: { quotas: { license: 0 } },
    });
    expect(zero.status).toBe(200);
    expect(zero.body.quotas).toEqual({ license: 0 });
  });

  it('usage- or limit-based components: 400; negative or fractional: 400; roles', async () => {
    const plan = await newPlan();
    for (const quotas of [{ hours: 1 }, { cpu: 1 }]) {
      const r = await s.request<Problem>('POST', url(plan, 'update_quotas'), {
        token: owner.token,
        body: { quotas },
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('plan.invalid_components');
    }
    for (const quotas of [{ license: -1 }, { license: 1.5 }]) {
      const r = await s.request<Problem>('POST', url(plan, 'update_quotas'), {
        token: owner.token,
        body: { quotas },
      });
      expect(r.status).toBe(400);
      expect(pointers(r.body).join()).toContain('/body/quotas');
    }
    const om = await s.request('POST', url(plan, 'update_quotas'), {
      token: offeringManager.token,
      body: { quotas: { license: 1 } },
    });
    expect(om.status).toBe(403);
    const q = await s.request('POST', url(plan, 'update_quotas'), {
      token: ownerQ.token,
      body: { quotas: {} },
    });
    expect(q.status).toBe(404);
  });
});
