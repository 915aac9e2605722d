import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeOrder, makeResource, resourceRow } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;
let gold: { id: number; uuid: string };

type Order = {
  state: string;
  type: string;
  plan_uuid: string | null;
  limits: Record<string, number>;
  attributes: Record<string, unknown>;
};
type Problem = { detail: string; code: string };
const R = '/api/marketplace-resources';
const post = <T = { order_uuid: string } & Problem>(
  path: string,
  token: string | undefined,
  body?: unknown,
) => s.request<T>('POST', path, { token, body });
const order = (uuid: string) =>
  s.request<Order>('GET', `/api/marketplace-orders/${uuid}/`, { token: m.staff.token });
const planUrl = (offeringUuid: string, planUuid: string) =>
  `${s.url}/api/marketplace-public-offerings/${hexOf(offeringUuid)}/plans/${hexOf(planUuid)}/`;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  gold = await s.tdb.db
    .insertInto('plans')
    .values({ offering_id: m.offering.id, name: 'Gold', unit_price: '20' })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
});
afterAll(() => s.close());

describe('ResourceSwitchPlanTest (§15, §8 switch_plan)', () => {
  it('creates an Update order with the old and new plan; the owner approves implicitly', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await post(`${R}/${r.hex}/switch_plan/`, m.owner.token, {
      plan: planUrl(m.offering.uuid, gold.uuid),
    });
    expect(res.status, res.text).toBe(200);
    const o = await order(res.body.order_uuid);
    expect(o.body).toMatchObject({ type: 'Update', state: 'pending-provider', plan_uuid: hexOf(gold.uuid) });
    const row = await s.tdb.db
      .selectFrom('orders')
      .select('old_plan_id')
      .where('resource_id', '=', r.id)
      .where('type', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row.old_plan_id).toBe(m.offering.plan.id);
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(4);
    // The provider approves; Basic completes at once and the resource gets the new plan (§11.3).
    const ok = await post(
      `/api/marketplace-orders/${res.body.order_uuid}/approve_by_provider/`,
      m.providerOwner.token,
      {},
    );
    expect(ok.status, ok.text).toBe(200);
    expect(await resourceRow(s.tdb.db, r.id)).toMatchObject({ state: 2, plan_id: gold.id });
  });

  it('a project admin creates an order that waits for the consumer (plan given as a marketplace-plans URL)', async () => {
    const r = await makeResource(s.tdb.db, m);
    const res = await post(`${R}/${r.hex}/switch_plan/`, m.projectAdmin.token, {
      plan: `${s.url}/api/marketplace-plans/${gold.uuid}/`,
    });
    expect((await order(res.body.order_uuid)).body.state).toBe('pending-consumer');
  });

  it('answers 400 for a pending order, a plan of another offering, or a missing plan', async () => {
    const r = await makeResource(s.tdb.db, m);
    await makeOrder(s.tdb.db, m, r, { type: 'Update', state: 'pending-consumer' });
    const pending = await post(`${R}/${r.hex}/switch_plan/`, m.owner.token, {
      plan: planUrl(m.offering.uuid, gold.uuid),
    });
    expect(pending.status).toBe(400);
    expect(pending.body.detail).toBe('Pending order for resource already exists.');
    const other = await makeMarketplace(s.tdb.db);
    const free = await makeResource(s.tdb.db, m);
    const foreign = await post(`${R}/${free.hex}/switch_plan/`, m.owner.token, {
      plan: planUrl(other.offering.uuid, other.offering.plan.uuid),
    });
    expect(foreign.status).toBe(400);
    expect((await post(`${R}/${free.hex}/switch_plan/`, m.owner.token, {})).status).toBe(400);
  });

  it('answers 409 unless OK, 403 without RESOURCE.SET_PLAN, 404 for the provider side', async () => {
    const erred = await makeResource(s.tdb.db, m, { state: 'Erred' });
    const body = { plan: planUrl(m.offering.uuid, gold.uuid) };
    expect((await post(`${R}/${erred.hex}/switch_plan/`, m.owner.token, body)).status).toBe(409);
    const r = await makeResource(s.tdb.db, m);
    expect((await post(`${R}/${r.hex}/switch_plan/`, m.projectMember.token, body)).status).toBe(403);
    expect((await post(`${R}/${r.hex}/switch_plan/`, m.providerOwner.token, body)).status).toBe(404);
    expect(
      (await post(`/api/marketplace-provider-resources/${r.hex}/switch_plan/`, m.providerOwner.token, body))
        .status,
    ).toBe(404);
  });
});

describe('ResourceUpdateLimitsTest (§15, §8 update_limits)', () => {
  it('creates an Update order with the old limits; the resource is Updating', async () => {
    const r = await makeResource(s.tdb.db, m, { limits: { cpu: 2 } });
    const res = await post(`${R}/${r.hex}/update_limits/`, m.owner.token, {
      limits: { cpu: 4 },
      request_comment: 'more',
    });
    expect(res.status, res.text).toBe(200);
    const o = await order(res.body.order_uuid);
    expect(o.body).toMatchObject({
      type: 'Update',
      limits: { cpu: 4 },
      attributes: { old_limits: { cpu: 2 } },
    });
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(4);
  });

  it("refuses identical limits with Waldur's exact text", async () => {
    const r = await makeResource(s.tdb.db, m, { limits: { cpu: 2 } });
    const res = await post(`${R}/${r.hex}/update_limits/`, m.owner.token, { limits: { cpu: 2 } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Impossible to create update orders with limits set to exactly the same.');
  });

  it('refuses unknown components and pending orders (400)', async () => {
    const r = await makeResource(s.tdb.db, m);
    expect((await post(`${R}/${r.hex}/update_limits/`, m.owner.token, { limits: { gpu: 1 } })).status).toBe(
      400,
    );
    await makeOrder(s.tdb.db, m, r, { type: 'Terminate', state: 'pending-provider' });
    const res = await post(`${R}/${r.hex}/update_limits/`, m.owner.token, { limits: { cpu: 9 } });
    expect(res.body.detail).toBe('Pending order for resource already exists.');
  });

  it('answers "Limits update is not supported for this resource." for a type without it', async () => {
    const vm = await makeMarketplace(s.tdb.db, 'OpenStack.Instance');
    const r = await makeResource(s.tdb.db, vm);
    const res = await post(`${R}/${r.hex}/update_limits/`, vm.owner.token, { limits: { cpu: 9 } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Limits update is not supported for this resource.');
  });
});

describe('update_options and renew (§8)', () => {
  it('updates options directly (200 {status}) or through an Update order (201 {order_uuid})', async () => {
    const r = await makeResource(s.tdb.db, m);
    const direct = await post<{ status: string }>(`${R}/${r.hex}/update_options/`, m.owner.token, {
      options: { shell: 'bash' },
    });
    expect(direct.status, direct.text).toBe(200);
    expect(direct.body.status).toBeTruthy();
    expect((await resourceRow(s.tdb.db, r.id)).options).toEqual({ shell: 'bash' });
    const ordered = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', {
      create_orders_on_resource_option_change: true,
    });
    const r2 = await makeResource(s.tdb.db, ordered);
    const res = await post(`${R}/${r2.hex}/update_options/`, ordered.owner.token, {
      options: { shell: 'zsh' },
    });
    expect(res.status, res.text).toBe(201);
    const o = await s.request<Order>('GET', `/api/marketplace-orders/${res.body.order_uuid}/`, {
      token: ordered.owner.token,
    });
    expect(o.body.attributes).toEqual({ old_options: {}, new_options: { shell: 'zsh' } });
  });

  it('renew needs prepaid components (400), then creates an Update order with action "renew"', async () => {
    const r = await makeResource(s.tdb.db, m);
    const refused = await post(`${R}/${r.hex}/renew/`, m.owner.token, { extension_months: 6 });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('resource.prepaid_components_required');
    const prepaid = await makeMarketplace(s.tdb.db);
    await s.tdb.db
      .updateTable('offering_components')
      .set({ is_prepaid: true })
      .where('offering_id', '=', prepaid.offering.id)
      .execute();
    const r2 = await makeResource(s.tdb.db, prepaid);
    const res = await post(`${R}/${r2.hex}/renew/`, prepaid.owner.token, { extension_months: 6 });
    expect(res.status, res.text).toBe(200);
    const o = await s.request<Order>('GET', `/api/marketplace-orders/${res.body.order_uuid}/`, {
      token: prepaid.owner.token,
    });
    expect(o.body.attributes).toMatchObject({ action: 'renew', extension_months: 6 });
  });
});
