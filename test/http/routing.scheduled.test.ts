import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledOrderJobs } from '../../src/modules/orders/adapters/jobs/scheduled-jobs.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import type { WorkflowEngine } from '../../src/platform/workflows/index.js';
import { grant, makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, expectAct, getOrder, orderRow, resourceState } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { waitFor } from '../workflows/helpers.js';

let s: TestServer & { engine?: WorkflowEngine };
let smtp: TestSmtp;

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  smtp = await startTestSmtp();
  if (!s.engine) throw new Error('workflow engine expected');
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

const DAY = 86_400_000;
// One clock for the whole file, so dates and job runs agree even if the run crosses midnight.
const T0 = Date.now();
const inDays = (days: number) => new Date(T0 + days * DAY).toISOString().slice(0, 10);
const at = (days: number) => new Date(T0 + days * DAY);

/** One run of every scheduled order job, as a worker does, "on" the given moment. */
function tick(now: Date) {
  return startSchedule(s.tdb.db, scheduledOrderJobs(60_000), pino({ level: 'silent' }), false).tick(now);
}

/** A marketplace of `type` whose project starts in `days` days; its admin is granted on that project. */
async function startingIn(type: string, days: number): Promise<Marketplace> {
  const m = await makeMarketplace(s.tdb.db, type);
  const project = await makeProject(s.tdb.db, m.customer.id, { start_date: inDays(days) });
  await grant(s.tdb.db, m.projectAdmin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
  return { ...m, project };
}

async function attemptsOf(uuid: string, user: Marketplace['staff']) {
  const r = await s.request<{ trigger: string; started_by_username: string | null }[]>(
    'GET',
    `/api/marketplace-orders/${uuid}/attempts/`,
    { token: user.token },
  );
  return r.body;
}

describe('ProjectStartDateTest (§5.6 process_pending_project_orders)', () => {
  it('PENDING_PROJECT → EXECUTING once the project start date is unset (next run)', async () => {
    const m = await startingIn('Support.OfferingTemplate', 10);
    const o = await createOrder(s, m, m.owner);
    expect(o.state).toBe('pending-project');
    expect((await tick(at(0)))['orders.pending-project']).toBe(0);
    const cleared = await s.request('PATCH', `/api/projects/${m.project.uuid}/`, {
      token: m.owner.token,
      body: { start_date: null },
    });
    expect(cleared.status, cleared.text).toBe(200);
    expect((await tick(at(0)))['orders.pending-project']).toBe(1);
    const after = await getOrder(s, o.uuid, m.owner);
    expect(after.state).toBe('executing');
    expect(await attemptsOf(o.uuid, m.staff)).toEqual([
      expect.objectContaining({ trigger: 'project_start', started_by_username: null }),
    ]);
  });

  it('→ DONE and resource OK through the task and the processor (Script offering)', async () => {
    const m = await startingIn('Marketplace.Script', 3);
    await s.tdb.db
      .updateTable('offerings')
      .set({ secret_options: { language: 'python', create: 'print("vm-1")', delete: 'print("x")' } })
      .where('id', '=', m.offering.id)
      .execute();
    const o = await createOrder(s, m, m.owner);
    expect(o.state).toBe('pending-project');
    expect((await tick(at(1)))['orders.pending-project']).toBe(0);
    expect((await tick(at(3)))['orders.pending-project']).toBe(1);
    const done = await waitFor('order done', async () => {
      const r = await getOrder(s, o.uuid, m.owner);
      return r.state === 'done' ? r : undefined;
    });
    expect(done.state).toBe('done');
    expect(await resourceState(s.tdb.db, o.marketplace_resource_uuid)).toBe('OK');
  });

  it('→ PENDING_START_DATE when the order starts later, then EXECUTING on that day', async () => {
    const m = await startingIn('Support.OfferingTemplate', 3);
    const o = await createOrder(s, m, m.owner, { start_date: inDays(10) });
    expect(o.state).toBe('pending-project');
    await tick(at(3));
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-start-date');
    expect((await tick(at(9)))['orders.pending-start-date']).toBe(0);
    expect((await tick(at(10)))['orders.pending-start-date']).toBe(1);
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('executing');
    expect((await attemptsOf(o.uuid, m.staff)).map((a) => a.trigger)).toEqual(['start_date']);
  });

  it('→ PENDING_PROVIDER when provider review is needed, and the provider approvers are e-mailed', async () => {
    const m = await startingIn('Marketplace.Basic', 2);
    // Earlier tests' completed orders told their projects (resource outcome e-mails): drain them.
    await smtp.deliver(s.tdb.db);
    smtp.take();
    const o = await createOrder(s, m, m.owner);
    expect(o.state).toBe('pending-project');
    await smtp.deliver(s.tdb.db);
    expect(smtp.take()).toEqual([]);
    await tick(at(2));
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-provider');
    await smtp.deliver(s.tdb.db);
    const mails = smtp.take();
    // Provider approvers: owner, service provider manager and offering manager (orders §9.3).
    expect(mails.map((x) => x.to).sort()).toEqual(
      [m.providerOwner, m.customerManager, m.offeringManager]
        .map((u) => [`${u.username}@test.example`])
        .sort(),
    );
    expect(mails[0]?.subject).toBe(`Create order for ${o.resource_name} is waiting for provider approval`);
  });

  it('a consumer-approved order in a future project follows the same path', async () => {
    const m = await startingIn('Marketplace.Basic', 4);
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-project');
    await tick(at(4));
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('done');
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });
});

describe('OrderStartDateTaskTest (§5.6 process_pending_start_date_orders)', () => {
  /** A Basic order approved by the provider with a start date in `days` days: pending-start-date. */
  async function scheduled(m: Marketplace, days: number) {
    const o = await createOrder(s, m, m.owner, { start_date: inDays(days) });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-start-date');
    return o;
  }

  it('start date today or past → processed to DONE; future → untouched', async () => {
    const m = await makeMarketplace(s.tdb.db);
    const soon = await scheduled(m, 2);
    const later = await scheduled(m, 4);
    const early = await tick(at(1));
    expect(early['orders.pending-start-date']).toBe(0);
    await tick(at(2)); // "today" for soon
    expect((await getOrder(s, soon.uuid, m.owner)).state).toBe('done');
    expect(await resourceState(s.tdb.db, soon.marketplace_resource_uuid)).toBe('OK');
    expect((await getOrder(s, later.uuid, m.owner)).state).toBe('pending-start-date');
    await tick(at(7)); // past for later
    expect((await getOrder(s, later.uuid, m.owner)).state).toBe('done');
  });

  it('an order in another state is untouched even with a past start date', async () => {
    const m = await makeMarketplace(s.tdb.db);
    const o = await createOrder(s, m, m.owner, { start_date: inDays(1) });
    expect(o.state).toBe('pending-provider');
    await tick(at(5));
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('pending-provider');
    expect((await orderRow(s.tdb.db, o.uuid)).attempt_count).toBe(0);
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });
});
