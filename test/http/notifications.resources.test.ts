import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationJobs } from '../../src/modules/notifications/adapters/jobs/notification-jobs.js';
import { OPTED_OUT } from '../../src/modules/notifications/app/record-notifications.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import type { TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  approvedOrder,
  createOrder,
  expectAct,
  type OrderView,
  resourceOrder,
  resourceRow,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../support/smtp.js';

let s: TestServer;
let smtp: TestSmtp;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  smtp = await startTestSmtp();
  // Site-agent orders stay Executing until the agent reports done or erred (the outcome under test).
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

const mail = (u: TestUser) => `${u.username}@test.example`;
const DAY = 86_400_000;

/** Delivers the outbox through the test SMTP server and returns what it received. */
async function received(now?: Date): Promise<ReceivedMail[]> {
  await smtp.deliver(s.tdb.db, now);
  return smtp.take();
}
const recipients = (mails: ReceivedMail[]) => mails.map((x) => x.to.join(',')).sort();

/** Runs the ending-soon and usage-reminder jobs (as workers do) at `now`. */
function noticeJobs(now: Date) {
  const jobs = notificationJobs({
    mailer: undefined,
    reminderAfterSeconds: 0,
    reminderEveryMs: 1,
    deliveryEveryMs: 1,
    resourceNoticesEveryMs: 1,
  });
  return startSchedule(s.tdb.db, jobs, pino({ level: 'silent' }), false).tick(now);
}

/** A Create order approved and left Executing; its mails so far are drained. */
async function executingCreate(): Promise<OrderView> {
  const o = await approvedOrder(s, m);
  expect(o.state).toBe('executing');
  await received();
  return o;
}

/** A resource created and OK. */
async function liveResource(): Promise<OrderView> {
  const o = await executingCreate();
  await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200);
  await received();
  return o;
}

/** The project's members as Waldur mails them: the project administrator and manager (PROJECT.MEMBER is inactive). */
const projectMembers = () => [mail(m.projectAdmin), mail(m.projectManager)].sort();

describe('resource outcomes mail the project', () => {
  it('create succeeded and create failed', async () => {
    const ok = await executingCreate();
    await expectAct(s, ok.uuid, 'set_state_done', m.providerOwner, 200);
    const done = await received();
    expect(recipients(done)).toEqual(projectMembers());
    expect(done[0]?.subject).toBe(`Resource ${ok.resource_name} has been created`);
    expect(done[0]?.text).toContain(`Resource ${ok.resource_name} has been created successfully.`);
    expect(done[0]?.text).toContain(`Project: `);

    const bad = await executingCreate();
    await expectAct(s, bad.uuid, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'quota exceeded',
      error_traceback: '',
    });
    const failed = await received();
    expect(recipients(failed)).toEqual(projectMembers());
    expect(failed[0]?.subject).toBe(`Creation of resource ${bad.resource_name} has failed`);
    expect(failed[0]?.text).toContain('Error: quota exceeded');
  });

  it('update succeeded and update failed', async () => {
    for (const [action, body, subject] of [
      ['set_state_done', undefined, 'has been updated'],
      ['set_state_erred', { error_message: 'no capacity', error_traceback: '' }, 'has failed'],
    ] as const) {
      const r = await liveResource();
      const u = await resourceOrder(s.tdb.db, m.owner, r.marketplace_resource_uuid, {
        type: 'Update',
        limits: { cpu: 2 },
      });
      await expectAct(s, u, 'approve_by_provider', m.providerOwner, 200, {});
      await received();
      await expectAct(s, u, action, m.providerOwner, 200, body);
      const mails = await received();
      expect(recipients(mails)).toEqual(projectMembers());
      expect(mails[0]?.subject).toContain(subject);
      expect(mails[0]?.subject).toContain(r.resource_name);
      if (action === 'set_state_erred') expect(mails[0]?.subject).toMatch(/^Update of resource/);
    }
  });

  it('termination scheduled (admins, managers and the asker), then terminate succeeded and failed', async () => {
    for (const [action, body, subject] of [
      ['set_state_done', undefined, 'has been terminated'],
      ['set_state_erred', { error_message: 'stuck', error_traceback: '' }, 'has failed'],
    ] as const) {
      const r = await liveResource();
      const term = await s.request<{ order_uuid: string }>(
        'POST',
        `/api/marketplace-resources/${r.marketplace_resource_uuid}/terminate/`,
        { token: m.owner.token, body: {} },
      );
      expect(term.status, term.text).toBe(200);
      // The Terminate order also asks the provider for approval; only the scheduling mail is counted.
      const scheduled = (await received()).filter((x) =>
        x.subject.includes('termination has been scheduled'),
      );
      expect(recipients(scheduled)).toEqual([...projectMembers(), mail(m.owner)].sort());
      expect(scheduled[0]?.subject).toBe(`Resource ${r.resource_name} termination has been scheduled`);
      expect(scheduled[0]?.text).toContain(`has scheduled the termination of resource ${r.resource_name}.`);
      await expectAct(s, term.body.order_uuid, 'approve_by_provider', m.providerOwner, 200, {});
      await received();
      await expectAct(s, term.body.order_uuid, action, m.providerOwner, 200, body);
      const mails = await received();
      expect(recipients(mails)).toEqual(projectMembers());
      expect(mails[0]?.subject).toContain(subject);
      if (action === 'set_state_erred') expect(mails[0]?.subject).toMatch(/^Termination of resource/);
    }
  });

  it('a rejected Create mails nobody about an outcome', async () => {
    const o = await createOrder(s, m, m.owner);
    await received();
    await expectAct(s, o.uuid, 'reject_by_provider', m.providerOwner, 200, {});
    expect(await received()).toEqual([]);
  });
});

describe('per-user opt-out', () => {
  it('a kind turned off is recorded as skipped for that user and not sent; turning it on again restores it', async () => {
    const off = await s.request('PATCH', '/api/users/me/notification-settings/', {
      token: m.projectManager.token,
      body: { resource_create_succeeded: false },
    });
    expect(off.status, off.text).toBe(200);
    const o = await executingCreate();
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200);
    expect(recipients(await received())).toEqual([mail(m.projectAdmin)]);
    const rows = await s.request<
      { recipient_username: string; state: string; last_error: string; kind: string }[]
    >(
      'GET',
      `/api/notifications/?resource_uuid=${o.marketplace_resource_uuid}&kind=resource_create_succeeded`,
      { token: m.staff.token },
    );
    expect(rows.status, rows.text).toBe(200);
    expect(rows.body.find((r) => r.recipient_username === m.projectManager.username)).toMatchObject({
      state: 'skipped',
      last_error: OPTED_OUT,
    });
    // Other kinds still reach the user.
    const bad = await executingCreate();
    await expectAct(s, bad.uuid, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'x',
      error_traceback: '',
    });
    expect(recipients(await received())).toEqual(projectMembers());
    await s.request('PATCH', '/api/users/me/notification-settings/', {
      token: m.projectManager.token,
      body: { resource_create_succeeded: true },
    });
    const again = await executingCreate();
    await expectAct(s, again.uuid, 'set_state_done', m.providerOwner, 200);
    expect(recipients(await received())).toEqual(projectMembers());
  });
});

describe('per-user opt-out of approval e-mails', () => {
  it('a provider approver who turned approval requests off is not mailed; the others are', async () => {
    const off = await s.request('PATCH', '/api/users/me/notification-settings/', {
      token: m.providerOwner.token,
      body: { approval_request: false },
    });
    expect(off.status, off.text).toBe(200);
    try {
      const o = await createOrder(s, m, m.owner);
      const mails = (await received()).filter((x) => x.subject.includes(o.resource_name));
      expect(recipients(mails)).toEqual([mail(m.customerManager), mail(m.offeringManager)].sort());
    } finally {
      await s.request('PATCH', '/api/users/me/notification-settings/', {
        token: m.providerOwner.token,
        body: { approval_request: true },
      });
    }
  });
});

describe('periodic notices (injected clock)', () => {
  it('resource and project ending in 7 days and 1 day: mailed once per notice', async () => {
    const r = await liveResource();
    const now = new Date('2031-03-10T08:00:00Z');
    const row = await resourceRow(s.tdb.db, r.marketplace_resource_uuid);
    await s.tdb.db
      .updateTable('resources')
      .set({ end_date: '2031-03-17' })
      .where('id', '=', row.id)
      .execute();
    await s.tdb.db
      .updateTable('projects')
      .set({ end_date: '2031-03-11' })
      .where('id', '=', m.project.id)
      .execute();
    try {
      await noticeJobs(now);
      const mails = await received(now);
      const resourceMails = mails.filter(
        (x) => x.subject === `Resource ${r.resource_name} will end in 7 days`,
      );
      expect(recipients(resourceMails)).toEqual(projectMembers());
      expect(resourceMails[0]?.text).toContain('reaches its end date 2031-03-17 in 7 days');
      const projectMails = mails.filter(
        (x) => x.subject.startsWith('Project ') && x.subject.endsWith('will end tomorrow'),
      );
      // Project managers and the organization's owners.
      expect(recipients(projectMails)).toEqual([mail(m.owner), mail(m.projectManager)].sort());
      // Running again (an hour later) sends nothing twice.
      await noticeJobs(new Date(now.getTime() + 3600_000));
      expect((await received(now)).filter((x) => x.subject.includes('will end'))).toEqual([]);
      // Six days later the 1-day notice of the resource goes out.
      await noticeJobs(new Date(now.getTime() + 6 * DAY));
      const later = await received(new Date(now.getTime() + 6 * DAY));
      expect(
        recipients(later.filter((x) => x.subject === `Resource ${r.resource_name} will end tomorrow`)),
      ).toEqual(projectMembers());
    } finally {
      await s.tdb.db.updateTable('projects').set({ end_date: null }).where('id', '=', m.project.id).execute();
      await s.tdb.db.updateTable('resources').set({ end_date: null }).where('id', '=', row.id).execute();
    }
  });

  it('usage reminders: provider owners, from day 20, once a month, not for resources with usage', async () => {
    const usage = await s.tdb.db
      .insertInto('offering_components')
      .values({ offering_id: m.offering.id, type: 'gpu_hours', name: 'GPU hours', billing_type: 'usage' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reported = await liveResource();
    const missing = await liveResource();
    const reportedRow = await resourceRow(s.tdb.db, reported.marketplace_resource_uuid);
    await s.tdb.db
      .insertInto('component_usages')
      .values({
        resource_id: reportedRow.id,
        component_id: usage.id,
        billing_period: '2031-05-01',
        date: new Date('2031-05-05T00:00:00Z'),
        usage: 3,
      })
      .execute();
    await noticeJobs(new Date('2031-05-10T08:00:00Z'));
    expect((await received()).filter((x) => x.subject.includes('usage'))).toEqual([]);
    const now = new Date('2031-05-21T08:00:00Z');
    await noticeJobs(now);
    const mails = (await received(now)).filter((x) => x.subject === 'Reminder about missing usage reports');
    expect(recipients(mails)).toEqual([mail(m.providerOwner)]);
    expect(mails[0]?.text).toContain(`    - ${missing.resource_name}`);
    expect(mails[0]?.text).not.toContain(reported.resource_name);
    expect(mails[0]?.text).toContain('report usage for 2031-05');
    await noticeJobs(new Date(now.getTime() + DAY));
    expect((await received(now)).filter((x) => x.subject.includes('usage'))).toEqual([]);
  });
});
