import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoToken } from '../../src/demo/demo-tokens.js';
import { seedDemo } from '../../src/demo/seed.js';
import { DEMO_SLURM_OFFERING } from '../../src/demo/seed-offerings.js';
import {
  estimateCost,
  findOrderableOffering,
  findPlanOfOffering,
  offeringComponents,
  offeringHasUsageComponents,
} from '../../src/modules/offerings/app/catalogue.js';
import { OFFERING_TYPES } from '../../src/modules/offerings/domain/offering-type.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeCustomer, makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering, VM_COMPONENTS } from '../support/offering-factories.js';

const hex = (uuid: string) => uuid.replace(/-/g, '');

describe('the catalogue API for orders (app/catalogue.ts)', () => {
  let t: TestDatabase;
  let offering: Awaited<ReturnType<typeof makeOffering>>;
  let other: Awaited<ReturnType<typeof makeOffering>>;
  let projectId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const org = await makeCustomer(t.db);
    projectId = (await makeProject(t.db, org.id)).id;
    offering = await makeOffering(t.db, org.id, {
      type: 'Marketplace.Script',
      state: 'Paused',
      pluginOptions: { auto_approve_marketplace_script: false },
      secretOptions: { create: 'echo' },
      components: [...VM_COMPONENTS, { type: 'hours', name: 'Hours', billing_type: 'fixed' }],
      plans: [
        {
          name: 'Small',
          unit_price: '9.99',
          max_amount: 1,
          prices: { cpu: '1.1', ram: '0.3', hours: '20' },
          quotas: { hours: '2' },
        },
      ],
    });
    other = await makeOffering(t.db, org.id, {
      components: [{ type: 'gb', name: 'GB', billing_type: 'usage' }],
    });
  });
  afterAll(() => t.drop());

  it('finds an offering by dashed or hex uuid, in any state, with type, state label and options', async () => {
    for (const id of [offering.uuid, hex(offering.uuid).toUpperCase()]) {
      const o = await t.db.transaction().execute((trx) => findOrderableOffering(trx, id, { lock: true }));
      expect(o).toMatchObject({
        id: offering.id,
        uuid: offering.uuid,
        type: 'Marketplace.Script',
        state: 'Paused',
        shared: true,
        customer_id: offering.customer_id,
        plugin_options: { auto_approve_marketplace_script: false },
        secret_options: { create: 'echo' },
      });
    }
    const missing = await t.db.transaction().execute((trx) => findOrderableOffering(trx, 'not-a-uuid'));
    expect(missing).toBeUndefined();
  });

  it('finds a plan only within its offering, with prices as decimal strings', async () => {
    const planUuid = offering.plans[0]!.uuid;
    const plan = await t.db.transaction().execute((trx) => findPlanOfOffering(trx, offering.id, planUuid));
    expect(plan).toMatchObject({
      name: 'Small',
      unit_price: '9.9900000000',
      prices: { cpu: '1.1000000000', ram: '0.3000000000', hours: '20.0000000000' },
      quotas: { cpu: '0.0000000000', hours: '2.0000000000' },
      is_active: true,
      resources_count: 0,
    });
    const wrong = await t.db.transaction().execute((trx) => findPlanOfOffering(trx, other.id, planUuid));
    expect(wrong).toBeUndefined();
  });

  it('prices an order from the stored plan and components exactly', async () => {
    const cost = await t.db.transaction().execute(async (trx) => {
      const plan = await findPlanOfOffering(trx, offering.id, offering.plans[0]!.uuid);
      const components = await offeringComponents(trx, offering.id);
      expect(components.map((c) => c.type)).toEqual(['cpu', 'ram', 'storage', 'hours']);
      return plan && estimateCost(plan, components, { cpu: 3, ram: 10, storage: 100 });
    });
    // 9.99 + 1.1 × 3 + 0.3 × 10 + 20 × 2 (fixed hours) = 56.29; storage has no price.
    expect(cost).toBe('56.2900000000');
  });

  it('marks a plan inactive once live resources use up max_amount (terminated ones do not count)', async () => {
    const plan = offering.plans[0]!;
    const addResource = (state: number) =>
      t.db
        .insertInto('resources')
        .values({ offering_id: offering.id, project_id: projectId, plan_id: plan.id, state })
        .execute();
    const read = () => t.db.transaction().execute((trx) => findPlanOfOffering(trx, offering.id, plan.uuid));
    await addResource(6);
    expect(await read()).toMatchObject({ is_active: true, resources_count: 1 });
    await addResource(2);
    expect(await read()).toMatchObject({ is_active: false, resources_count: 2 });
  });

  it('tells whether an offering has usage components', async () => {
    const [withUsage, without] = await t.db
      .transaction()
      .execute((trx) =>
        Promise.all([
          offeringHasUsageComponents(trx, other.id),
          offeringHasUsageComponents(trx, offering.id),
        ]),
      );
    expect([withUsage, without]).toEqual([true, false]);
  });
});

describe('the demo seed', () => {
  let s: TestServer;
  const secret = 'demo-secret-for-tests';

  beforeAll(async () => {
    s = await startTestServer();
    await s.tdb.db.transaction().execute((trx) => seedDemo(trx, secret));
  });
  afterAll(() => s.close());

  // Remote is left out of the demo: it needs a real remote Waldur (src/demo/seed-offerings.ts).
  it('publishes an Active Nordic Compute offering of each processed type, each with a plan', async () => {
    const r = await s.request<{ type: string; state: string; customer_name: string; plans: unknown[] }[]>(
      'GET',
      '/api/marketplace-public-offerings/?page_size=100',
      { token: demoToken(secret, 'alice') },
    );
    expect(r.status).toBe(200);
    const types = r.body.map((o) => o.type).sort();
    expect(types).toEqual(
      [
        'Marketplace.Basic',
        'Marketplace.Slurm',
        'Support.OfferingTemplate',
        'Marketplace.Script',
        'OpenStack.Tenant',
        'Marketplace.Rancher',
        'Orderly.Tenant',
      ].sort(),
    );
    for (const o of r.body) {
      expect(OFFERING_TYPES).toContain(o.type);
      expect(o).toMatchObject({ state: 'Active', customer_name: 'Nordic Compute' });
      expect(o.plans).toHaveLength(1);
    }
  });

  it('makes olga the offering manager of the Slurm offering only', async () => {
    const r = await s.request<{ name: string }[]>('GET', '/api/marketplace-provider-offerings/', {
      token: demoToken(secret, 'olga'),
    });
    expect(r.body.map((o) => o.name)).toEqual([DEMO_SLURM_OFFERING]);
  });
});
