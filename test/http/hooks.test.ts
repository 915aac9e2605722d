import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_DEFAULTS, integrationJobs } from '../../src/app/integrations.js';
import { httpHookSender } from '../../src/modules/hooks/adapters/net/destination.js';
import { type Schedule, startSchedule } from '../../src/platform/jobs/periodic.js';
import { secretBox } from '../../src/platform/secrets/secret-box.js';
import { makeUser } from '../support/factories.js';
import { type HookReceiver, startHookReceiver } from '../support/hook-receiver.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';

const secrets = secretBox(randomBytes(32));
const config = {
  ...INTEGRATION_DEFAULTS,
  hooksAllowPrivate: true,
  hooksIntervalSeconds: 0.05,
  hooksRetryBaseSeconds: 0.05,
  hooksMaxAttempts: 4,
};
let s: TestServer;
let strict: TestServer;
let m: Marketplace;
let rx: HookReceiver;
let schedule: Schedule;

type Hook = { uuid: string; secret: string; url: string; is_active: boolean; event_types: string[] };
type Delivery = {
  uuid: string;
  event_id: number;
  event_type: string;
  state: string;
  attempts: number;
  response_code: number | null;
  duration_ms: number | null;
  replay_of: string | null;
  last_error: string;
};

beforeAll(async () => {
  s = await startTestServer({ integrations: { secrets, config } });
  strict = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  rx = await startHookReceiver();
  schedule = startSchedule(s.tdb.db, integrationJobs(s.tdb.db, config, secrets), pino({ level: 'silent' }));
});
afterAll(async () => {
  await schedule.stop();
  await rx.close();
  await strict.close();
  await s.close();
});

async function subscribe(token: string, body: Record<string, unknown>): Promise<Hook> {
  const r = await s.request<Hook>('POST', '/api/hooks/', { token, body });
  expect(r.status, r.text).toBe(201);
  rx.trust(r.body.uuid, r.body.secret);
  return r.body;
}

async function deliveries(token: string, hook: string): Promise<Delivery[]> {
  return (await s.request<Delivery[]>('GET', `/api/hooks/${hook}/deliveries/`, { token })).body;
}

async function completeOrder(): Promise<void> {
  const created = await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
    token: m.owner.token,
    body: orderBody(s.url, m),
  });
  await s.request('POST', `/api/marketplace-orders/${created.body.uuid}/approve_by_provider/`, {
    token: m.providerOwner.token,
  });
}

const TYPES = ['marketplace_order_approved', 'marketplace_order_completed'];

describe('webhooks', () => {
  it('refuses private, loopback and link-local destinations unless allowed', async () => {
    const someone = await makeUser(strict.tdb.db);
    for (const url of [
      'http://127.0.0.1:9/',
      'http://localhost:9/',
      'http://10.1.2.3/',
      'http://[::1]/',
      'http://169.254.169.254/',
      'http://192.168.0.10/x',
    ]) {
      const r = await strict.request<{ code: string; errors: { pointer: string }[] }>('POST', '/api/hooks/', {
        token: someone.token,
        body: { destination_url: url, event_types: TYPES },
      });
      expect(r.status, url).toBe(400);
      expect(r.body.code).toBe('hook.destination_not_allowed');
      expect(r.body.errors[0]!.pointer).toBe('/body/destination_url');
    }
    const allowed = await s.request('POST', '/api/hooks/', {
      token: m.owner.token,
      body: { destination_url: 'http://127.0.0.1:9/', event_types: TYPES, is_active: false },
    });
    expect(allowed.status).toBe(201);
    // The sender checks again at connect time (DNS may change after the hook was created).
    const sender = httpHookSender({ allowPrivate: false, timeoutMs: 5000, userAgent: 't' });
    const before = rx.received.length;
    for (const url of [`${rx.url}/ok`, rx.url.replace('127.0.0.1', 'localhost')]) {
      expect((await sender.post(url, '{}', {})).kind).toBe('refused');
    }
    expect(rx.received.length).toBe(before);
  });

  it('signs every delivery, retries after 500s with back-off and logs status, code, duration and attempts', async () => {
    const hook = await subscribe(m.owner.token, {
      destination_url: `${rx.url}/flaky`,
      event_types: TYPES,
      project_uuid: m.project.uuid,
    });
    await completeOrder();
    const log = await waitFor('two delivered events', async () => {
      const d = await deliveries(m.owner.token, hook.uuid);
      return d.length === 2 && d.every((x) => x.state === 'succeeded') ? d : undefined;
    });
    expect(log.map((d) => d.event_type).sort()).toEqual([...TYPES].sort());
    for (const d of log) {
      expect(d).toMatchObject({ attempts: 3, response_code: 200, last_error: '', replay_of: null });
      expect(d.duration_ms).not.toBeNull();
      const got = rx.received.filter((r) => r.headers['orderly-delivery'] === d.uuid);
      expect(got.map((r) => r.status)).toEqual([500, 500, 200]);
      // Back-off doubles: 50 ms after the first failure, 100 ms after the second (lower bounds).
      expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(45);
      expect(got[2]!.at - got[1]!.at).toBeGreaterThanOrEqual(95);
      expect(got.every((r) => r.verified)).toBe(true);
      expect(new Set(got.map((r) => r.body)).size).toBe(1);
      const body = JSON.parse(got[0]!.body);
      expect(body).toMatchObject({
        delivery: d.uuid,
        hook: hook.uuid,
        event: { id: d.event_id, event_type: d.event_type },
      });
      expect(got[0]!.headers['orderly-event']).toBe(d.event_type);
    }
    const listed = await s.request<{ id: number }[]>('GET', `/api/events/?event_type=${log[0]!.event_type}`, {
      token: m.owner.token,
    });
    expect(listed.body.map((e) => e.id)).toContain(log[0]!.event_id);
  });

  it('replays one delivery as a new, signed delivery of the same event', async () => {
    const hook = await subscribe(m.owner.token, {
      destination_url: `${rx.url}/flaky`,
      event_types: ['marketplace_order_completed'],
    });
    await completeOrder();
    const [original] = await waitFor('the delivery', async () => {
      const d = await deliveries(m.owner.token, hook.uuid);
      return d[0]?.state === 'succeeded' ? d : undefined;
    });
    const r = await s.request<Delivery>(
      'POST',
      `/api/hooks/${hook.uuid}/deliveries/${original!.uuid}/replay/`,
      { token: m.owner.token },
    );
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      state: 'pending',
      attempts: 0,
      replay_of: original!.uuid,
      event_id: original!.event_id,
    });
    const replayed = await waitFor('the replay to arrive', async () =>
      rx.received.find((x) => x.headers['orderly-delivery'] === r.body.uuid),
    );
    expect(replayed.verified).toBe(true);
    expect(JSON.parse(replayed.body)).toMatchObject({
      replay_of: original!.uuid,
      event: { id: original!.event_id },
    });
    const log = await waitFor('the replay logged', async () => {
      const d = await deliveries(m.owner.token, hook.uuid);
      return d.find((x) => x.uuid === r.body.uuid && x.state === 'succeeded') ? d : undefined;
    });
    expect(log).toHaveLength(2);
    expect(
      (
        await s.request('POST', `/api/hooks/${hook.uuid}/deliveries/${original!.uuid}/replay/`, {
          token: m.outsider.token,
        })
      ).status,
    ).toBe(404);
  });

  it('gives up after the last attempt and never sends what the owner may not see', async () => {
    const down = await subscribe(m.owner.token, {
      destination_url: `${rx.url}/down`,
      event_types: ['marketplace_order_completed'],
    });
    const foreign = await subscribe(m.outsider.token, {
      destination_url: `${rx.url}/ok`,
      event_types: TYPES,
    });
    await completeOrder();
    const [failed] = await waitFor('the delivery to fail', async () => {
      const d = await deliveries(m.owner.token, down.uuid);
      return d[0]?.state === 'failed' ? d : undefined;
    });
    expect(failed).toMatchObject({ attempts: 4, response_code: 500, last_error: 'HTTP 500' });
    // The fan-out has passed the order's events once a later delivery of the same kind exists.
    const later = await subscribe(m.owner.token, {
      destination_url: `${rx.url}/ok`,
      event_types: ['marketplace_order_completed'],
    });
    await completeOrder();
    await waitFor(
      'the later hook’s delivery',
      async () => (await deliveries(m.owner.token, later.uuid)).length === 1,
    );
    expect(await deliveries(m.outsider.token, foreign.uuid)).toEqual([]);
    expect(rx.received.some((x) => JSON.parse(x.body).hook === foreign.uuid)).toBe(false);
  });

  it('lets the owner list, change, rotate and delete a hook; others see none of it', async () => {
    const hook = await subscribe(m.owner.token, {
      destination_url: `${rx.url}/ok`,
      event_types: TYPES,
      description: 'mine',
    });
    const list = await s.request<Hook[]>('GET', '/api/hooks/', { token: m.owner.token });
    expect(list.body.map((h) => h.uuid)).toContain(hook.uuid);
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
    expect(
      (await s.request<Hook[]>('GET', '/api/hooks/', { token: m.outsider.token })).body.map((h) => h.uuid),
    ).not.toContain(hook.uuid);
    expect((await s.request('GET', `/api/hooks/${hook.uuid}/`, { token: m.outsider.token })).status).toBe(
      404,
    );
    expect((await s.request('GET', `/api/hooks/${hook.uuid}/`, { token: m.staff.token })).status).toBe(200);
    const patched = await s.request<Hook>('PATCH', `/api/hooks/${hook.uuid}/`, {
      token: m.owner.token,
      body: { is_active: false, event_types: ['marketplace_order_failed'] },
    });
    expect(patched.body).toMatchObject({ is_active: false, event_types: ['marketplace_order_failed'] });
    const rotated = await s.request<Hook>('POST', `/api/hooks/${hook.uuid}/rotate_secret/`, {
      token: m.owner.token,
    });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    const twoScopes = await s.request('POST', '/api/hooks/', {
      token: m.owner.token,
      body: {
        destination_url: `${rx.url}/ok`,
        event_types: TYPES,
        project_uuid: m.project.uuid,
        customer_uuid: m.customer.uuid,
      },
    });
    expect(twoScopes.status).toBe(400);
    const invisible = await s.request('POST', '/api/hooks/', {
      token: m.outsider.token,
      body: { destination_url: `${rx.url}/ok`, event_types: TYPES, project_uuid: m.project.uuid },
    });
    expect(invisible.status).toBe(400);
    expect((await s.request('DELETE', `/api/hooks/${hook.uuid}/`, { token: m.owner.token })).status).toBe(
      204,
    );
    expect((await s.request('GET', `/api/hooks/${hook.uuid}/`, { token: m.owner.token })).status).toBe(404);
  });
});
