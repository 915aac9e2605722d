import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, dashed, getOrder, type OrderView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource } from '../support/resource-factories.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const RULES = '/api/marketplace-project-order-auto-approvals/';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface RuleView {
  uuid: string;
  project_uuid: string;
  monthly_cost_limit: string;
  enabled: boolean;
  created_by_username: string | null;
}
type AutoOrder = OrderView & {
  auto_approved: boolean;
  auto_approved_by_rule_uuid: string | null;
  auto_approved_cost_limit_snapshot: string | null;
};

/** A marketplace whose plan costs 10 + 5 per cpu a month (cpu is a limit component). */
async function priced(type = 'Marketplace.Basic', pluginOptions: Record<string, unknown> = {}) {
  const m = await makeMarketplace(s.tdb.db, type, pluginOptions);
  await setCpuPrice(m, '5');
  return m;
}

async function setCpuPrice(m: Marketplace, price: string) {
  const cpu = await s.tdb.db
    .selectFrom('offering_components')
    .select('id')
    .where('offering_id', '=', m.offering.id)
    .where('type', '=', 'cpu')
    .executeTakeFirstOrThrow();
  await s.tdb.db
    .insertInto('plan_components')
    .values({ plan_id: m.offering.plan.id, component_id: cpu.id, price })
    .execute();
}

/** Creates the project's rule through the API as the organization owner. */
async function rule(
  m: Marketplace,
  limit: string | number,
  enabled = true,
  user = m.owner,
): Promise<RuleView> {
  const r = await s.request<RuleView>('POST', RULES, {
    token: user.token,
    body: { project: `${s.url}/api/projects/${m.project.uuid}/`, monthly_cost_limit: limit, enabled },
  });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

const order = (m: Marketplace, cpu: number, extra: Record<string, unknown> = {}) =>
  createOrder(s, m, m.projectAdmin, { limits: { cpu }, ...extra }) as Promise<AutoOrder>;

describe('rules API: /api/marketplace-project-order-auto-approvals/', () => {
  it('the owner creates, reads, changes and deletes the rule; writes need ORDER.APPROVE', async () => {
    const m = await priced();
    const body = { project: `${s.url}/api/projects/${m.project.uuid}/`, monthly_cost_limit: '25.5' };
    const denied = await s.request('POST', RULES, { token: m.projectAdmin.token, body });
    expect(denied.status, denied.text).toBe(403);
    const invisible = await s.request('POST', RULES, { token: m.outsider.token, body });
    expect(invisible.status).toBe(400);
    const created = await rule(m, '25.5');
    expect(created).toMatchObject({
      project_uuid: m.project.uuid.replace(/-/g, ''),
      monthly_cost_limit: '25.5000000000',
      enabled: true,
      created_by_username: m.owner.username,
    });
    const twice = await s.request('POST', RULES, { token: m.owner.token, body });
    expect(twice.status).toBe(400);
    const negative = await s.request('POST', RULES, {
      token: m.owner.token,
      body: { ...body, monthly_cost_limit: -1 },
    });
    expect(negative.status).toBe(400);
    // Project members read it; the project admin may not change it.
    const list = await s.request<RuleView[]>('GET', `${RULES}?project_uuid=${dashed(m.project.uuid)}`, {
      token: m.projectAdmin.token,
    });
    expect(list.body.map((r) => r.uuid)).toEqual([created.uuid]);
    expect((await s.request('GET', `${RULES}${created.uuid}/`, { token: m.outsider.token })).status).toBe(
      404,
    );
    const patchDenied = await s.request('PATCH', `${RULES}${created.uuid}/`, {
      token: m.projectAdmin.token,
      body: { enabled: false },
    });
    expect(patchDenied.status).toBe(403);
    const patched = await s.request<RuleView>('PATCH', `${RULES}${created.uuid}/`, {
      token: m.owner.token,
      body: { enabled: false, monthly_cost_limit: 7 },
    });
    expect(patched.body).toMatchObject({ enabled: false, monthly_cost_limit: '7.0000000000' });
    expect((await s.request('DELETE', `${RULES}${created.uuid}/`, { token: m.owner.token })).status).toBe(
      204,
    );
    expect((await s.request('GET', `${RULES}${created.uuid}/`, { token: m.owner.token })).status).toBe(404);
  });
});

describe('TryApplyTransitionTest / SignalIntegrationTest: applied on create', () => {
  it('within the limit (inclusive) the order is approved as the rule creator and the limit snapshotted', async () => {
    const m = await priced();
    const r = await rule(m, 20);
    const o = await order(m, 2); // 10 + 2 × 5 = 20
    expect(o.state).toBe('pending-provider');
    expect(o).toMatchObject({
      consumer_reviewed_by: m.owner.username,
      auto_approved: true,
      auto_approved_by_rule_uuid: r.uuid,
      auto_approved_cost_limit_snapshot: '20.0000000000',
    });
    const over = await order(m, 3); // 25 > 20
    expect(over).toMatchObject({
      state: 'pending-consumer',
      auto_approved: false,
      auto_approved_by_rule_uuid: null,
    });
    expect(over.auto_approved_cost_limit_snapshot).toBeNull();
    // was_auto_approved filter.
    const yes = await s.request<AutoOrder[]>(
      'GET',
      `/api/marketplace-orders/?project_uuid=${m.project.uuid}&was_auto_approved=true`,
      { token: m.owner.token },
    );
    expect(yes.body.map((x) => x.uuid)).toEqual([o.uuid]);
    const no = await s.request<AutoOrder[]>(
      'GET',
      `/api/marketplace-orders/?project_uuid=${m.project.uuid}&was_auto_approved=false`,
      { token: m.owner.token },
    );
    expect(no.body.map((x) => x.uuid)).toEqual([over.uuid]);
    // Deleting the rule keeps the approval visible through the snapshot.
    await s.request('DELETE', `${RULES}${r.uuid}/`, { token: m.owner.token });
    const after = (await getOrder(s, o.uuid, m.owner)) as AutoOrder;
    expect(after).toMatchObject({ auto_approved: true, auto_approved_by_rule_uuid: null });
    const events = await s.tdb.db
      .selectFrom('events')
      .select(['event_type', 'reason'])
      .where('event_type', '=', 'marketplace_order_auto_approved')
      .where('project_id', '=', m.project.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toContain('20.0000000000');
  });

  it('routes per §5.4: executing, pending-project and pending-start-date', async () => {
    const support = await priced('Support.OfferingTemplate');
    await rule(support, 100);
    const exec = await order(support, 1);
    expect(exec).toMatchObject({ state: 'executing', auto_approved: true, attempt_count: 1 });
    const startLater = await order(support, 1, { start_date: inDays(5) });
    expect(startLater.state).toBe('pending-start-date');

    const later = await priced('Support.OfferingTemplate');
    const project = await makeProject(s.tdb.db, later.customer.id, { start_date: inDays(10) });
    await grant(s.tdb.db, later.projectAdmin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    const inLater = { ...later, project };
    await rule(inLater, 100);
    expect((await order(inLater, 1)).state).toBe('pending-project');
  });

  it('no auto-approval: disabled rule, usage-billed component, purchase order required, no rule', async () => {
    const disabled = await priced();
    await rule(disabled, 1000, false);
    expect((await order(disabled, 1)).state).toBe('pending-consumer');

    const usage = await priced();
    await s.tdb.db
      .insertInto('offering_components')
      .values({ offering_id: usage.offering.id, type: 'gpu_hours', name: 'GPU hours', billing_type: 'usage' })
      .execute();
    await rule(usage, 1000);
    expect((await order(usage, 1)).state).toBe('pending-consumer');

    const po = await priced('Marketplace.Basic', { require_purchase_order_upload: true });
    await rule(po, 1000);
    expect((await order(po, 1)).state).toBe('pending-consumer');

    const none = await priced();
    expect((await order(none, 1)).auto_approved).toBe(false);
  });

  it('a TERMINATE costs 0: approved under a zero limit, even with the purchase-order requirement', async () => {
    const po = await priced('Marketplace.Basic', { require_purchase_order_upload: true });
    await rule(po, 0);
    const res = await makeResource(s.tdb.db, po);
    const t = await s.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${res.hex}/terminate/`,
      { token: po.projectAdmin.token, body: {} },
    );
    expect(t.status, t.text).toBe(200);
    const o = (await getOrder(s, t.body.order_uuid, po.owner)) as AutoOrder;
    expect(o).toMatchObject({ type: 'Terminate', state: 'pending-provider', auto_approved: true });
    expect(o.auto_approved_cost_limit_snapshot).toBe('0.0000000000');
  });
});

describe('StaleCreatorTest', () => {
  it('a creator who lost ORDER.APPROVE leaves the order pending-consumer and a warning is recorded', async () => {
    const m = await priced();
    await rule(m, 1000);
    await s.tdb.db
      .updateTable('user_roles')
      .set({ is_active: false })
      .where('user_id', '=', m.owner.id)
      .execute();
    const o = await order(m, 1);
    expect(o).toMatchObject({ state: 'pending-consumer', auto_approved: false });
    const warning = await s.tdb.db
      .selectFrom('events')
      .select(['level', 'message'])
      .where('event_type', '=', 'marketplace_order_auto_approval_skipped')
      .where('project_id', '=', m.project.id)
      .executeTakeFirstOrThrow();
    expect(warning.level).toBe('warning');
    expect(warning.message).toContain('creator lost APPROVE_ORDER');
  });

  it('an inactive creator is stale too; a staff creator always passes', async () => {
    const m = await priced();
    await rule(m, 1000);
    await s.tdb.db.updateTable('users').set({ is_active: false }).where('id', '=', m.owner.id).execute();
    expect((await order(m, 1)).state).toBe('pending-consumer');

    const byStaff = await priced();
    await rule(byStaff, 1000, true, byStaff.staff);
    const o = await order(byStaff, 1);
    expect(o).toMatchObject({ state: 'pending-provider', consumer_reviewed_by: byStaff.staff.username });
  });

  it('an UPDATE order of the project is auto-approved too (signal path for every new order)', async () => {
    const m = await priced();
    await rule(m, 1000);
    const res = await makeResource(s.tdb.db, m);
    const u = await s.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${res.hex}/update_limits/`,
      { token: m.projectAdmin.token, body: { limits: { cpu: 4 } } },
    );
    expect(u.status, u.text).toBe(200);
    const o = (await getOrder(s, u.body.order_uuid, m.owner)) as AutoOrder;
    expect(o).toMatchObject({ type: 'Update', state: 'pending-provider', auto_approved: true });
  });
});
