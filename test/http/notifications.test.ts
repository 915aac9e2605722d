import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationJobs } from '../../src/modules/notifications/adapters/jobs/notification-jobs.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import { grant, makeCustomer, makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, expectAct, getOrder } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let s: TestServer;
let smtp: TestSmtp;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  smtp = await startTestSmtp();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

const mail = (username: string) => `${username}@test.example`;
/** The `to` lists of the provider-side approval mails, one mail per approver, sorted. */
const providerApprovers = () =>
  [m.providerOwner, m.customerManager, m.offeringManager].map((u) => [mail(u.username)]).sort();
const DAY = 86_400_000;

interface NotificationView {
  uuid: string;
  kind: string;
  order_uuid: string | null;
  order_state: string | null;
  recipient_username: string | null;
  recipient_email: string;
  subject: string;
  body: string;
  state: string;
  attempts: number;
  last_error: string;
  sent_at: string | null;
  next_attempt_at: string | null;
}

/** The outbox rows of an order as `user` sees them (`GET /api/notifications/?order_uuid=`). */
async function outbox(orderUuid: string, user = m.staff) {
  const r = await s.request<NotificationView[]>(
    'GET',
    `/api/notifications/?order_uuid=${orderUuid}&page_size=100`,
    {
      token: user.token,
    },
  );
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** Runs the reminder job (as workers do) at `now`, reminding after one day. */
function remind(now: Date) {
  const jobs = notificationJobs({
    mailer: undefined,
    reminderAfterSeconds: 86_400,
    reminderEveryMs: 1,
    deliveryEveryMs: 1,
    resourceNoticesEveryMs: 0,
  });
  return startSchedule(s.tdb.db, jobs, pino({ level: 'silent' }), false).tick(now);
}

describe('approvers are e-mailed when an order waits for them', () => {
  it('consumer side: an order needing consumer review mails the organization owner, through SMTP', async () => {
    smtp.take();
    const o = await createOrder(s, m, m.projectAdmin);
    expect(o.state).toBe('pending-consumer');
    const rows = await outbox(o.uuid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'approval_request',
      order_state: 'pending-consumer',
      recipient_username: m.owner.username,
      recipient_email: mail(m.owner.username),
      state: 'pending',
      attempts: 0,
    });
    expect(await smtp.deliver(s.tdb.db)).toBeGreaterThanOrEqual(1);
    const received = smtp.take();
    expect(received).toHaveLength(1);
    const [msg] = received;
    expect(msg?.to).toEqual([mail(m.owner.username)]);
    expect(msg?.from).toBe('Orderly <orderly@example.test>');
    expect(msg?.subject).toBe(`Create order for ${o.resource_name} is waiting for consumer approval`);
    expect(msg?.text).toContain(
      `A Create order by Test ${m.projectAdmin.username} is waiting for your approval as consumer.`,
    );
    expect(msg?.text).toContain(`Resource: ${o.resource_name}`);
    expect(msg?.text).toContain(`Order: ${o.uuid}`);
    expect(msg?.text).toContain('Estimated monthly cost: 10.0000000000');
    const [sent] = await outbox(o.uuid);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, last_error: '', next_attempt_at: null });
    expect(sent?.sent_at).not.toBeNull();
  });

  it('provider side: consumer approval of a Basic order mails the provider owner, not the consumer again', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await smtp.deliver(s.tdb.db);
    smtp.take();
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
    await smtp.deliver(s.tdb.db);
    const received = smtp.take();
    // Provider approvers: ORDER.APPROVE on the provider organization or the offering, i.e. its owner,
    // its service provider manager (Waldur migration 0033) and the offering manager (orders §9.3).
    expect(received.map((r) => r.to).sort()).toEqual(providerApprovers());
    expect(received[0]?.subject).toBe(`Create order for ${o.resource_name} is waiting for provider approval`);
    expect(received[0]?.text).toContain('is waiting for your approval as provider.');
    expect(received[0]?.text).toContain(`Offering: `);
    const rows = await outbox(o.uuid);
    expect(rows.map((r) => [r.order_state, r.recipient_username, r.state]).sort()).toEqual(
      [
        ['pending-provider', m.providerOwner.username, 'sent'],
        ['pending-provider', m.customerManager.username, 'sent'],
        ['pending-provider', m.offeringManager.username, 'sent'],
        ['pending-consumer', m.owner.username, 'sent'],
      ].sort(),
    );
  });

  it('an order that skips consumer review mails only the provider; approval by the provider mails no approver', async () => {
    const o = await createOrder(s, m, m.owner);
    expect(o.state).toBe('pending-provider');
    await smtp.deliver(s.tdb.db);
    expect(
      smtp
        .take()
        .map((r) => r.to)
        .sort(),
    ).toEqual(providerApprovers());
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    await smtp.deliver(s.tdb.db);
    // The Create completes at approval: only the project's members hear of it (resource outcome).
    expect(
      smtp
        .take()
        .map((r) => [r.to, r.subject])
        .sort(),
    ).toEqual(
      [m.projectAdmin, m.projectManager]
        .map((u) => [[mail(u.username)], `Resource ${o.resource_name} has been created`])
        .sort(),
    );
    expect(
      (await outbox(o.uuid)).filter((r) => r.kind === 'approval_request').map((r) => r.order_state),
    ).toEqual(['pending-provider', 'pending-provider', 'pending-provider']);
  });

  it('with no approver the notification is recorded as skipped and nothing is sent', async () => {
    const lonely = await makeCustomer(s.tdb.db);
    const project = await makeProject(s.tdb.db, lonely.id);
    await grant(s.tdb.db, m.projectManager.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    const o = await createOrder(s, { ...m, project }, m.projectManager);
    const [row] = await outbox(o.uuid);
    expect(row).toMatchObject({ state: 'skipped', recipient_username: null, recipient_email: '' });
    expect(row?.last_error).toContain('Nobody to notify');
    expect(await smtp.deliver(s.tdb.db)).toBe(0);
    expect(smtp.take()).toEqual([]);
  });

  it('a user sees only the e-mails addressed to them; staff see all', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    expect(await outbox(o.uuid, m.projectAdmin)).toEqual([]);
    expect((await outbox(o.uuid, m.owner)).map((r) => r.recipient_username)).toEqual([m.owner.username]);
    const mine = await s.request<NotificationView[]>('GET', '/api/notifications/', { token: m.owner.token });
    expect(mine.body.every((r) => r.recipient_username === m.owner.username)).toBe(true);
    const one = await s.request<NotificationView>('GET', `/api/notifications/${mine.body[0]?.uuid}/`, {
      token: m.projectAdmin.token,
    });
    expect(one.status).toBe(404);
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });
});

describe('reminders', () => {
  it('approvers are reminded once when the order still waits after the delay, and received the reminder', async () => {
    const consumerSide = await createOrder(s, m, m.projectAdmin);
    const providerSide = await createOrder(s, m, m.owner);
    await smtp.deliver(s.tdb.db);
    smtp.take();
    // Not yet due an hour later.
    await remind(new Date(Date.now() + 3600_000));
    expect((await outbox(consumerSide.uuid)).map((r) => r.kind)).toEqual(['approval_request']);
    await remind(new Date(Date.now() + DAY + 60_000));
    expect((await outbox(consumerSide.uuid)).map((r) => [r.kind, r.recipient_username])).toEqual([
      ['approval_reminder', m.owner.username],
      ['approval_request', m.owner.username],
    ]);
    await smtp.deliver(s.tdb.db);
    const received = smtp.take();
    const consumerMail = received.find((r) => r.subject.includes(consumerSide.resource_name));
    const providerMails = received.filter((r) => r.subject.includes(providerSide.resource_name));
    const providerMail = providerMails[0];
    expect(consumerMail?.to).toEqual([mail(m.owner.username)]);
    expect(consumerMail?.subject).toBe(
      `Reminder: Create order for ${consumerSide.resource_name} is waiting for consumer approval`,
    );
    expect(consumerMail?.text).toContain('is still waiting for your approval as consumer.');
    expect(providerMails.map((r) => r.to).sort()).toEqual(providerApprovers());
    expect(providerMail?.subject).toBe(
      `Reminder: Create order for ${providerSide.resource_name} is waiting for provider approval`,
    );
    // A second run finds nothing more to remind about for these orders.
    await remind(new Date(Date.now() + 2 * DAY));
    expect((await outbox(consumerSide.uuid)).filter((r) => r.kind === 'approval_reminder')).toHaveLength(1);
    expect((await outbox(providerSide.uuid)).filter((r) => r.kind === 'approval_reminder')).toHaveLength(3);
    await smtp.deliver(s.tdb.db);
    expect(smtp.take().filter((r) => r.subject.includes(consumerSide.resource_name))).toEqual([]);
  });

  it('an order approved in time is not reminded', async () => {
    const o = await createOrder(s, m, m.owner);
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('done');
    await remind(new Date(Date.now() + 3 * DAY));
    // Approval e-mails only (the completed Create also told the project's members).
    expect((await outbox(o.uuid)).map((r) => r.kind).filter((k) => k.startsWith('approval_'))).toEqual([
      'approval_request',
      'approval_request',
      'approval_request',
    ]);
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });
});

describe('delivery failures', () => {
  it('a refused recipient is retried with back-off and marked failed after the last attempt', async () => {
    await smtp.deliver(s.tdb.db);
    smtp.take();
    const refusedOwner = await makeMarketplace(s.tdb.db);
    smtp.refuse.add(mail(refusedOwner.owner.username));
    try {
      const o = await createOrder(s, refusedOwner, refusedOwner.projectAdmin);
      let now = new Date();
      await smtp.deliver(s.tdb.db, now);
      let [row] = await outbox(o.uuid);
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row?.last_error).toContain('Mailbox unavailable');
      expect(new Date(row?.next_attempt_at ?? 0).getTime()).toBe(now.getTime() + 30_000);
      // Not due before the back-off has passed.
      await smtp.deliver(s.tdb.db, new Date(now.getTime() + 10_000));
      expect((await outbox(o.uuid))[0]?.attempts).toBe(1);
      for (let attempt = 2; attempt <= 6; attempt++) {
        now = new Date(new Date(row?.next_attempt_at ?? 0).getTime() + 1);
        await smtp.deliver(s.tdb.db, now);
        [row] = await outbox(o.uuid);
        expect(row?.attempts).toBe(attempt);
      }
      expect(row).toMatchObject({ state: 'failed', attempts: 6, next_attempt_at: null });
      expect(smtp.take()).toEqual([]);
    } finally {
      smtp.refuse.clear();
    }
  });

  it('without SMTP nothing is sent: rows stay pending in the outbox until a mailer runs', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    const jobs = notificationJobs({
      mailer: undefined,
      reminderAfterSeconds: 0,
      reminderEveryMs: 1,
      deliveryEveryMs: 1,
      resourceNoticesEveryMs: 0,
    });
    expect(jobs).toEqual([]);
    expect((await outbox(o.uuid)).map((r) => r.state)).toEqual(['pending']);
    await smtp.deliver(s.tdb.db);
    expect(smtp.take().map((r) => r.to)).toEqual([[mail(m.owner.username)]]);
  });
});
