import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_DEFAULTS, integrationJobs } from '../../src/app/integrations.js';
import { type Schedule, startSchedule } from '../../src/platform/jobs/periodic.js';
import { secretBox } from '../../src/platform/secrets/secret-box.js';
import { type HookReceiver, startHookReceiver } from '../support/hook-receiver.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';

const secrets = secretBox(randomBytes(32));
const config = { ...INTEGRATION_DEFAULTS, hooksAllowPrivate: true, hooksIntervalSeconds: 0.05 };
let s: TestServer;
let script: Marketplace;
let basic: Marketplace;
let rx: HookReceiver;
let schedule: Schedule;

/** One parsed sample line. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]),
    );
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** Values of the samples named `name` whose labels include `labels`. */
function values(samples: Sample[], name: string, labels: Record<string, string> = {}): number[] {
  return samples
    .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
    .map((x) => x.value);
}

beforeAll(async () => {
  s = await startTestServer({ workflows: true, integrations: { secrets, config } });
  script = await makeMarketplace(s.tdb.db, 'Marketplace.Script');
  basic = await makeMarketplace(s.tdb.db);
  await s.tdb.db
    .updateTable('offerings')
    .set({ secret_options: { language: 'shell', create: 'echo vm-1', delete: 'echo bye' } })
    .where('id', '=', script.offering.id)
    .execute();
  rx = await startHookReceiver();
  schedule = startSchedule(s.tdb.db, integrationJobs(s.tdb.db, config, secrets), pino({ level: 'silent' }));
});
afterAll(async () => {
  await schedule.stop();
  await rx.close();
  await s.close();
});

describe('GET /metrics', () => {
  it('reports request durations, orders, workflow steps, webhook outcomes and pool use after a flow', async () => {
    const hook = await s.request<{ uuid: string; secret: string }>('POST', '/api/hooks/', {
      token: script.owner.token,
      body: { destination_url: `${rx.url}/ok`, event_types: ['marketplace_order_completed'] },
    });
    rx.trust(hook.body.uuid, hook.body.secret);
    const done = await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
      token: script.owner.token,
      body: orderBody(s.url, script),
    });
    const waiting = await s.request<{ uuid: string; state: string }>('POST', '/api/marketplace-orders/', {
      token: basic.owner.token,
      body: orderBody(s.url, basic),
    });
    expect(waiting.body.state).toBe('pending-provider');
    await waitFor('the script order to finish', async () => {
      const r = await s.request<{ state: string }>('GET', `/api/marketplace-orders/${done.body.uuid}/`, {
        token: script.owner.token,
      });
      return r.body.state === 'done';
    });
    await waitFor('the webhook delivery', async () => rx.received.some((x) => x.status === 200));

    const r = await fetch(`${s.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await r.text();
    const m = parse(text);

    const created = values(m, 'orderly_http_request_duration_seconds_count', {
      method: 'POST',
      route: '/api/marketplace-orders/',
      status_code: '201',
    });
    expect(created).toEqual([2]);
    expect(
      values(m, 'orderly_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/marketplace-orders/:uuid/',
        status_code: '200',
      })[0],
    ).toBeGreaterThanOrEqual(1);
    // Route patterns, never raw paths: no uuid may appear in a route label.
    expect(m.filter((x) => /[0-9a-f]{32}|[0-9a-f-]{36}/.test(x.labels.route ?? ''))).toEqual([]);
    expect(
      values(m, 'orderly_http_request_duration_seconds_sum', {
        route: '/api/marketplace-orders/',
        method: 'POST',
      })[0],
    ).toBeGreaterThan(0);

    expect(values(m, 'orderly_orders', { state: 'done', offering_type: 'Marketplace.Script' })).toEqual([1]);
    expect(
      values(m, 'orderly_orders', { state: 'pending-provider', offering_type: 'Marketplace.Basic' }),
    ).toEqual([1]);

    const runs = { step: 'run-script', outcome: 'succeeded' };
    expect(values(m, 'orderly_workflow_step_duration_seconds_count', runs)).toEqual([1]);
    expect(values(m, 'orderly_workflow_step_duration_seconds_bucket', { ...runs, le: '+Inf' })).toEqual([1]);
    expect(values(m, 'orderly_workflow_step_duration_seconds_sum', runs)[0]).toBeGreaterThan(0);
    const buckets = values(m, 'orderly_workflow_step_duration_seconds_bucket', runs);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(values(m, 'orderly_workflow_step_failures_total', { step: 'run-script' })).toEqual([0]);
    expect(values(m, 'orderly_workflows_pending', { status: 'enqueued' })).toEqual([0]);
    expect(values(m, 'orderly_workflows_pending', { status: 'running' })).toEqual([0]);

    expect(values(m, 'orderly_webhook_deliveries', { state: 'succeeded', response_class: '2xx' })).toEqual([
      1,
    ]);
    expect(values(m, 'orderly_webhook_delivery_attempts', { state: 'succeeded' })).toEqual([1]);

    const [total] = values(m, 'orderly_db_pool_connections', { state: 'total' });
    const [idle] = values(m, 'orderly_db_pool_connections', { state: 'idle' });
    const [busy] = values(m, 'orderly_db_pool_connections', { state: 'busy' });
    expect(total).toBeGreaterThanOrEqual(1);
    expect(idle! + busy!).toBe(total);
    expect(values(m, 'orderly_db_pool_max')).toEqual([10]);
    expect(values(m, 'orderly_db_pool_waiting_requests')).toEqual([0]);
    for (const source of ['orders', 'workflows', 'hooks'])
      expect(values(m, 'orderly_metrics_source_up', { source })).toEqual([1]);
    expect(text).toContain('# TYPE orderly_workflow_step_duration_seconds histogram');
    expect(values(m, 'process_resident_memory_bytes')[0]).toBeGreaterThan(0);
  });

  it('requires the metrics token as a bearer token when one is configured', async () => {
    const guarded = await startTestServer({
      integrations: { config: { metricsToken: 'scrape-token-0123456789' } },
    });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, {
        headers: { authorization: 'Bearer scrape-token-0123456789' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('orderly_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
