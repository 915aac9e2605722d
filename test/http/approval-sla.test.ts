import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalSlaJobs } from '../../src/modules/notifications/adapters/jobs/approval-sla-jobs.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

// Approval SLA (issue 16, item 4): settings per offering or organization, escalation along
// offering manager → provider owner → staff, and the opt-in daily digest, with an injected clock
// and the real SMTP delivery job.
let s: TestServer;
let smtp: TestSmtp;
let esc: Marketplace;
let dig: Marketplace;
const HOUR = 3_600_000;
const mail = (username: string) => `${username}@test.example`;
type Problem = { code: string; errors?: { pointer: string }[] };
type Sla = { escalate_after_hours: number | null; daily_digest: boolean };
type EventView = { event_type: string; message: string };

/** Runs the escalation and digest jobs once at `now`, as workers do. */
function tick(now: Date) {
  return startSchedule(s.tdb.db, approvalSlaJobs(60_000), pino({ level: 'silent' }), false).tick(now);
}

async function timeline(orderUuid: string): Promise<EventView[]> {
  const r = await s.request<EventView[]>('GET', `/api/events/?order_uuid=${orderUuid}&page_size=100`, {
    token: esc.staff.token,
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

const offeringSla = (m: Marketplace) =>
  `/api/marketplace-provider-offerings/${m.offering.uuid}/approval_sla/`;
const customerSla = (m: Marketplace) => `/api/customers/${m.provider.uuid}/approval_sla/`;

beforeAll(async () => {
  s = await startTestServer();
  smtp = await startTestSmtp();
  esc = await makeMarketplace(s.tdb.db);
  dig = await makeMarketplace(s.tdb.db);
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

describe('approval SLA settings API', () => {
  it('defaults, then set by offering updaters (offering) and owners (organization)', async () => {
    const def = await s.request<Sla>('GET', offeringSla(esc), { token: esc.providerOwner.token });
    expect(def.status, def.text).toBe(200);
    expect(def.body).toEqual({ escalate_after_hours: null, daily_digest: false });
    for (const u of [esc.offeringManager, esc.customerManager, esc.staff]) {
      const r = await s.request<Sla>('PUT', offeringSla(esc), {
        token: u.token,
        body: { escalate_after_hours: 12, daily_digest: false },
      });
      expect(r.status, `${u.username}: ${r.text}`).toBe(200);
    }
    const org = await s.request<Sla>('PUT', customerSla(esc), {
      token: esc.providerOwner.token,
      body: { escalate_after_hours: 4, daily_digest: false },
    });
    expect(org.status, org.text).toBe(200);
    expect((await s.request<Sla>('GET', customerSla(esc), { token: esc.staff.token })).body).toEqual({
      escalate_after_hours: 4,
      daily_digest: false,
    });
  });

  it('others: invisible is 404, visible without the permission 403', async () => {
    const body = { escalate_after_hours: 1, daily_digest: true };
    for (const u of [esc.outsider, esc.projectAdmin, esc.owner]) {
      const r = await s.request('PUT', offeringSla(esc), { token: u.token, body });
      expect(r.status, u.username).toBe(404);
    }
    expect((await s.request('PUT', customerSla(esc), { token: esc.outsider.token, body })).status).toBe(404);
    expect(
      (await s.request('PUT', customerSla(esc), { token: esc.customerManager.token, body })).status,
    ).toBe(403);
    expect((await s.request('GET', offeringSla(esc), { token: esc.support.token })).status).toBe(403);
  });

  it('bad input is 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ escalate_after_hours: 0, daily_digest: false }, 'escalate_after_hours'],
      [{ escalate_after_hours: 8761, daily_digest: false }, 'escalate_after_hours'],
      [{ escalate_after_hours: 'soon', daily_digest: false }, 'escalate_after_hours'],
      [{ escalate_after_hours: 2 }, 'daily_digest'],
      [{ escalate_after_hours: 2, daily_digest: 'yes' }, 'daily_digest'],
    ];
    for (const [body, field] of cases) {
      const r = await s.request<Problem>('PUT', offeringSla(esc), { token: esc.staff.token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body.errors), JSON.stringify(body)).toContain(field);
    }
  });
});

describe('escalation', () => {
  it("the offering's setting replaces its organization's; after N h the provider owners, after 2N h staff", async () => {
    // The offering says 12 h (its organization 4 h): the offering's row wins.
    const t0 = Date.now();
    const o = await createOrder(s, esc, esc.owner);
    expect(o.state).toBe('pending-provider');
    await smtp.deliver(s.tdb.db);
    smtp.take();
    expect(await tick(new Date(t0 + 5 * HOUR))).toMatchObject({ 'notifications.approval-escalation': 0 });
    const first = await tick(new Date(t0 + 13 * HOUR));
    expect(first['notifications.approval-escalation']).toBe(1);
    await smtp.deliver(s.tdb.db);
    const toOwners = smtp.take();
    expect(toOwners.map((x) => x.to)).toEqual([[mail(esc.providerOwner.username)]]);
    expect(toOwners[0]?.subject).toBe(
      `Escalation: Create order for ${o.resource_name} waits for provider approval`,
    );
    expect(toOwners[0]?.text).toContain('waited over 12 hours');
    expect(toOwners[0]?.text).toContain('escalated to the provider organization owners');
    // Taken once per wait.
    expect((await tick(new Date(t0 + 14 * HOUR)))['notifications.approval-escalation']).toBe(0);
    expect((await tick(new Date(t0 + 25 * HOUR)))['notifications.approval-escalation']).toBe(1);
    await smtp.deliver(s.tdb.db);
    const toStaff = smtp.take().flatMap((x) => x.to);
    expect(toStaff).toContain(mail(esc.staff.username));
    expect(toStaff).toContain(mail(dig.staff.username));
    expect(toStaff).not.toContain(mail(esc.providerOwner.username));
    const events = (await timeline(o.uuid)).filter(
      (e) => e.event_type === 'marketplace_order_approval_escalated',
    );
    expect(events.map((e) => e.message).sort()).toEqual([
      'Order waited over 12 h for provider approval; escalated to the provider organization owners (1 notified).',
      expect.stringMatching(
        /^Order waited over 24 h for provider approval; escalated to staff \(\d+ notified\)\.$/,
      ),
    ]);
  });

  it('without any setting nothing escalates', async () => {
    const o = await createOrder(s, dig, dig.owner);
    expect(o.state).toBe('pending-provider');
    expect((await tick(new Date(Date.now() + 1000 * HOUR)))['notifications.approval-escalation']).toBe(0);
  });
});

describe('daily digest', () => {
  it("follows the offering's own setting, else its organization's", async () => {
    const pre = await makeMarketplace(s.tdb.db);
    await smtp.deliver(s.tdb.db);
    smtp.take();
    const put = async (path: string, daily_digest: boolean, token: string) => {
      const r = await s.request('PUT', path, { token, body: { escalate_after_hours: null, daily_digest } });
      expect(r.status, r.text).toBe(200);
    };
    // The organization opted in: the request is held for the digest, nobody is mailed at once.
    await put(customerSla(pre), true, pre.providerOwner.token);
    await createOrder(s, pre, pre.owner);
    expect(await smtp.deliver(s.tdb.db)).toBe(0);
    // The offering's own row says no digest: it wins over the organization's.
    await put(offeringSla(pre), false, pre.offeringManager.token);
    await createOrder(s, pre, pre.owner);
    expect(await smtp.deliver(s.tdb.db)).toBe(3);
    expect(
      smtp
        .take()
        .flatMap((x) => x.to)
        .sort(),
    ).toEqual(
      [pre.providerOwner, pre.customerManager, pre.offeringManager].map((u) => mail(u.username)).sort(),
    );
  });

  const approvers = () =>
    [dig.providerOwner, dig.customerManager, dig.offeringManager].map((u) => mail(u.username)).sort();

  it('opted in: one digest per approver a day instead of one e-mail per order, in each order timeline', async () => {
    const set = await s.request('PUT', offeringSla(dig), {
      token: dig.offeringManager.token,
      body: { escalate_after_hours: null, daily_digest: true },
    });
    expect(set.status, set.text).toBe(200);
    await tick(new Date());
    await smtp.deliver(s.tdb.db);
    smtp.take();
    const t0 = Date.now();
    const a = await createOrder(s, dig, dig.owner);
    const b = await createOrder(s, dig, dig.owner);
    expect(await smtp.deliver(s.tdb.db)).toBe(0);
    expect(smtp.take()).toEqual([]);

    expect((await tick(new Date(t0 + HOUR)))['notifications.approval-digest']).toBe(3);
    await smtp.deliver(s.tdb.db);
    const digests = smtp.take();
    expect(digests.flatMap((x) => x.to).sort()).toEqual(approvers());
    for (const d of digests) {
      expect(d.subject).toMatch(/^Daily digest: \d+ orders waiting for your approval$/);
      expect(d.text).toContain(a.uuid);
      expect(d.text).toContain(b.uuid);
    }
    for (const o of [a, b]) {
      const events = (await timeline(o.uuid)).filter(
        (e) => e.event_type === 'marketplace_order_approval_digest_sent',
      );
      expect(events.map((e) => e.message).sort()).toEqual(
        [dig.providerOwner, dig.customerManager, dig.offeringManager]
          .map((u) => `Approval request sent to ${u.username} in the daily digest.`)
          .sort(),
      );
    }

    // A new order waits for the next day's digest.
    const c = await createOrder(s, dig, dig.owner);
    expect((await tick(new Date(t0 + 2 * HOUR)))['notifications.approval-digest']).toBe(0);
    expect((await tick(new Date(t0 + 26 * HOUR)))['notifications.approval-digest']).toBe(3);
    await smtp.deliver(s.tdb.db);
    const next = smtp.take();
    expect(next).toHaveLength(3);
    for (const d of next) {
      expect(d.subject).toBe('Daily digest: 1 order waiting for your approval');
      expect(d.text).toContain(c.uuid);
      expect(d.text).not.toContain(a.uuid);
    }
  });
});
