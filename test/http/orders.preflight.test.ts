import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type ProblemView, rowCounts } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

interface Step {
  step: string;
  outcome: string;
  detail: string;
  approvers: { username: string }[];
}
interface Verdict {
  accepted: boolean;
  problem: { status: number; code: string; errors: { pointer: string }[] } | null;
  state: string | null;
  approval_path: Step[];
  cost: string | null;
  headroom: {
    plan: { max_amount: number | null; used: number; remaining: number | null } | null;
    project_resources: { max: number; used: number; remaining: number } | null;
    components: { type: string; requested: number | null; max_value: number | null }[];
    auto_approval: {
      monthly_cost_limit: string;
      remaining: string | null;
      eligible: boolean;
      reason: string | null;
    } | null;
  } | null;
}

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(() => s.close());

const preflight = (user: TestUser | undefined, body: unknown, mk = m) =>
  s.request<Verdict & ProblemView>('POST', '/api/marketplace-orders/preflight/', {
    token: user?.token,
    body: body ?? orderBody(s.url, mk),
  });
const step = (v: Verdict, name: string) => v.approval_path.find((x) => x.step === name);
const names = (st: Step | undefined) => (st?.approvers ?? []).map((a) => a.username);
const notifications = async () =>
  Number(
    (
      await s.tdb.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('order preflight: role matrix', () => {
  const roles: [keyof Marketplace, boolean | number][] = [
    ['staff', true],
    ['owner', true],
    ['projectAdmin', true],
    ['projectManager', true],
    ['projectMember', 403],
    ['outsider', 400],
    ['providerOwner', 400],
    ['offeringManager', 400],
    ['customerManager', 400],
    ['support', true],
  ];
  for (const [role, expected] of roles) {
    it(`${role}: ${expected === true ? 'accepted' : `refused with ${expected}`}, as create answers`, async () => {
      const user = m[role] as TestUser;
      const before = await rowCounts(s.tdb.db);
      const r = await preflight(user, orderBody(s.url, m));
      expect(r.status, r.text).toBe(200);
      expect(await rowCounts(s.tdb.db)).toEqual(before);
      expect(r.body.accepted).toBe(expected === true);
      if (expected !== true) expect(r.body.problem?.status).toBe(expected);
      const created = await s.request<ProblemView>('POST', '/api/marketplace-orders/', {
        token: user.token,
        body: orderBody(s.url, m),
      });
      expect(created.status).toBe(expected === true ? 201 : expected);
      if (expected !== true) expect(r.body.problem?.code).toBe(created.body.code);
    });
  }

  it('without a token is a 401', async () => {
    expect((await preflight(undefined, orderBody(s.url, m))).status).toBe(401);
  });
});

describe('order preflight: approval path, cost and headroom', () => {
  it('a project admin waits for the consumer approvers, then the provider', async () => {
    const r = await preflight(m.projectAdmin, orderBody(s.url, m));
    expect(r.body.state).toBe('pending-consumer');
    expect(r.body.approval_path.map((x) => [x.step, x.outcome])).toEqual([
      ['consumer_review', 'waits'],
      ['provider_review', 'waits'],
      ['processing', 'waits'],
    ]);
    expect(names(step(r.body, 'consumer_review'))).toContain(m.owner.username);
    expect(names(step(r.body, 'consumer_review'))).not.toContain(m.projectAdmin.username);
    expect(names(step(r.body, 'provider_review'))).toContain(m.providerOwner.username);
  });

  it('an owner skips consumer review; a future project start and start date are waits of their own', async () => {
    const mk = await makeMarketplace(s.tdb.db);
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await s.tdb.db
      .updateTable('projects')
      .set({ start_date: later(10) })
      .where('id', '=', mk.project.id)
      .execute();
    const r = await preflight(mk.owner, orderBody(s.url, mk, { start_date: later(20) }), mk);
    expect(r.body.state).toBe('pending-project');
    expect(r.body.approval_path.map((x) => [x.step, x.outcome])).toEqual([
      ['consumer_review', 'skipped'],
      ['project_start', 'waits'],
      ['provider_review', 'waits'],
      ['start_date', 'waits'],
      ['processing', 'waits'],
    ]);
  });

  it('the project auto-approval rule: within the limit it approves, over it the consumer review waits', async () => {
    const mk = await makeMarketplace(s.tdb.db);
    await s.tdb.db
      .insertInto('project_order_auto_approvals')
      .values({ project_id: mk.project.id, monthly_cost_limit: '100', created_by: mk.owner.id })
      .execute();
    const within = await preflight(mk.projectAdmin, orderBody(s.url, mk), mk);
    expect(within.body.cost).toBe('10.0000000000');
    expect(step(within.body, 'consumer_review')?.outcome).toBe('auto_approved');
    expect(within.body.state).toBe('pending-provider');
    expect(within.body.headroom?.auto_approval).toMatchObject({ remaining: '90.0000000000', eligible: true });
    await s.tdb.db
      .updateTable('plans')
      .set({ unit_price: '150' })
      .where('id', '=', mk.offering.plan.id)
      .execute();
    const over = await preflight(mk.projectAdmin, orderBody(s.url, mk), mk);
    expect(step(over.body, 'consumer_review')?.outcome).toBe('waits');
    expect(step(over.body, 'consumer_review')?.detail).toContain('over_limit');
    expect(over.body.headroom?.auto_approval).toMatchObject({
      remaining: '-50.0000000000',
      reason: 'over_limit',
    });
  });

  it('headroom: plan max_amount, resources per project and component bounds', async () => {
    const mk = await makeMarketplace(s.tdb.db);
    await s.tdb.db
      .updateTable('plans')
      .set({ max_amount: 3 })
      .where('id', '=', mk.offering.plan.id)
      .execute();
    await s.tdb.db
      .updateTable('offerings')
      .set({ plugin_options: { auto_complete_on_approval: true, maximal_resource_count_per_project: 2 } })
      .where('id', '=', mk.offering.id)
      .execute();
    expect(
      (
        await s.request('POST', '/api/marketplace-orders/', {
          token: mk.owner.token,
          body: orderBody(s.url, mk),
        })
      ).status,
    ).toBe(201);
    const r = await preflight(mk.owner, orderBody(s.url, mk, { limits: { cpu: 2 } }), mk);
    expect(r.body.accepted).toBe(true);
    expect(r.body.headroom?.plan).toMatchObject({ max_amount: 3, used: 1, remaining: 2 });
    expect(r.body.headroom?.project_resources).toEqual({ max: 2, used: 1, remaining: 1 });
    expect(r.body.headroom?.components).toEqual([
      expect.objectContaining({ type: 'cpu', requested: 2, max_value: 1000 }),
    ]);
  });

  it('writes nothing: no order, resource, event, transition or notification, even with a callback_url', async () => {
    const before = { ...(await rowCounts(s.tdb.db)), notifications: await notifications() };
    const r = await preflight(m.projectAdmin, orderBody(s.url, m, { callback_url: 'http://127.0.0.1:9/cb' }));
    expect(r.body.accepted).toBe(true);
    expect({ ...(await rowCounts(s.tdb.db)), notifications: await notifications() }).toEqual(before);
  });
});

describe('order preflight: bad input', () => {
  it('a body that fails the schema is a 400 naming the field', async () => {
    for (const [field, value, pointer] of [
      ['project', 5, '/body/project'],
      ['limits', { cpu: -1 }, '/body/limits/cpu'],
      ['start_date', 'soon', '/body/start_date'],
      ['attributes', 'x', '/body/attributes'],
    ] as const) {
      const r = await preflight(m.owner, orderBody(s.url, m, { [field]: value }));
      expect(r.status, r.text).toBe(400);
      expect(r.body.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    const { offering: _o, ...noOffering } = orderBody(s.url, m);
    expect((await preflight(m.owner, noOffering)).body.errors?.map((e) => e.pointer)).toContain(
      '/body/offering',
    );
  });

  it('garbage never gets a 5xx', async () => {
    const bodies: unknown[] = [
      [],
      'text',
      42,
      null,
      { project: '', offering: '' },
      { limits: { cpu: 1e308 } },
    ];
    for (const b of bodies) {
      const r = await preflight(m.owner, b);
      expect(r.status, `${JSON.stringify(b)}: ${r.text}`).toBeLessThan(500);
    }
    const raw = await s.request('POST', '/api/marketplace-orders/preflight/', {
      token: m.owner.token,
      rawBody: '{"project": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    const huge = await preflight(m.owner, orderBody(s.url, m, { limits: { cpu: 1e308 } }));
    expect(huge.status).toBe(200);
    expect(huge.body.problem?.errors.map((e) => e.pointer)).toEqual(['/body/limits/cpu']);
  });
});
