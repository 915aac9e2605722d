import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { dashed, getOrder, hexId } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { type AgentOrder, FakeSlurm, SiteAgent } from '../support/site-agent.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let s: TestServer;
let smtp: TestSmtp;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  smtp = await startTestSmtp();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

interface Resource {
  uuid: string;
  state: string;
  backend_id: string;
  limits: Record<string, unknown>;
  backend_metadata: Record<string, unknown>;
  endpoints: { name: string; url: string }[];
  current_usages: Record<string, unknown>;
  last_sync: string | null;
  error_message: string;
}

const resource = async (uuid: string, user = m.owner) =>
  (await s.request<Resource>('GET', `/api/marketplace-resources/${uuid}/`, { token: user.token })).body;

/** A consumer request as a person makes it in the UI (owner of the project's organization). */
async function consumer<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await s.request<T>(method, path, { token: m.owner.token, body });
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
}

/**
 * The provider owner's mails about these orders, as the SMTP server received them (the service
 * provider manager, also an approver, gets its own copies).
 */
async function providerMails(resourceName: string) {
  await smtp.deliver(s.tdb.db);
  const owner = `${m.providerOwner.username}@test.example`;
  return smtp
    .take()
    .filter((x) => x.subject.includes(resourceName) && x.to.join(',') === owner)
    .map((x) => [x.to.join(','), x.subject]);
}

describe('a site agent drives a Marketplace.Slurm offering through the HTTP API only (§13)', () => {
  it('Create (erred, retried, done), Update and Terminate, end to end', async () => {
    const backend = new FakeSlurm();
    const agent = new SiteAgent(s.url, m.providerOwner.token, m.offering.uuid, backend);
    const started = await agent.start();
    expect(started.username).toBe(m.providerOwner.username);
    expect(started.version).toMatch(/\d/);

    // Create: the owner skips consumer review; Slurm always waits for the provider (the agent).
    const created = await consumer<AgentOrder>('POST', '/api/marketplace-orders/', orderBody(s.url, m));
    expect(created.state).toBe('pending-provider');
    const name = created.resource_name;
    const mailTo = `${m.providerOwner.username}@test.example`;
    expect(await providerMails(name)).toEqual([
      [mailTo, `Create order for ${name} is waiting for provider approval`],
    ]);

    // First attempt: the backend fails after provisioning started → set_state_erred.
    backend.failCreates = 1;
    await agent.processOffering();
    let order = await getOrder(s, created.uuid, m.staff);
    expect(order).toMatchObject({
      state: 'erred',
      error_message: `sacctmgr: cannot create account for ${name}`,
    });
    expect(order.error_traceback).toContain('BackendError');
    expect(order.completed_at).toBeNull();
    expect((await resource(created.marketplace_resource_uuid)).state).toBe('Terminated');
    expect(backend.accounts.size).toBe(0);
    // Erred orders are not listed to the agent: nothing happens until someone retries.
    await agent.processOffering();
    expect((await getOrder(s, created.uuid, m.staff)).state).toBe('erred');

    const retried = await s.request('POST', `/api/marketplace-orders/${dashed(created.uuid)}/retry/`, {
      token: m.providerOwner.token,
    });
    expect(retried.status, retried.text).toBe(200);
    expect((await resource(created.marketplace_resource_uuid)).state).toBe('Creating');
    await agent.processOffering();
    order = await getOrder(s, created.uuid, m.staff);
    expect(order).toMatchObject({ state: 'done', error_message: '', attempt_count: 2 });
    let r = await resource(created.marketplace_resource_uuid);
    const [backendId] = [...backend.accounts.keys()];
    expect(r).toMatchObject({
      state: 'OK',
      backend_id: backendId,
      limits: { cpu: 2 },
      backend_metadata: { account: backendId, cluster: 'hpc' },
      endpoints: [{ name: 'Login node', url: `ssh://login.hpc.example/${backendId}` }],
    });
    expect(backend.accounts.get(backendId ?? '')?.users).toContain(m.projectAdmin.username);
    const attempts = await s.request<{ outcome: string; error_message: string }[]>(
      'GET',
      `/api/marketplace-orders/${created.uuid}/attempts/`,
      { token: m.staff.token },
    );
    expect(attempts.body.map((a) => a.outcome)).toEqual(['erred', 'done']);
    expect(attempts.body[0]?.error_message).toContain('cannot create account');

    // Update: new limits through an Update order, applied by the agent.
    const upd = await consumer<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${created.marketplace_resource_uuid}/update_limits/`,
      { limits: { cpu: 8 } },
    );
    expect((await getOrder(s, upd.order_uuid, m.owner)).state).toBe('pending-provider');
    await agent.processOffering();
    expect((await getOrder(s, upd.order_uuid, m.owner)).state).toBe('done');
    r = await resource(created.marketplace_resource_uuid);
    expect(r).toMatchObject({ state: 'OK', limits: { cpu: 8 } });
    expect(backend.accounts.get(backendId ?? '')?.limits).toEqual({ cpu: 8 });

    // Terminate: the agent deletes the account and reports done.
    const term = await consumer<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${created.marketplace_resource_uuid}/terminate/`,
      {},
    );
    expect((await resource(created.marketplace_resource_uuid)).state).toBe('Terminating');
    await agent.processOffering();
    expect((await getOrder(s, term.order_uuid, m.owner)).state).toBe('done');
    expect((await resource(created.marketplace_resource_uuid)).state).toBe('Terminated');
    expect(backend.accounts.size).toBe(0);
    expect(await providerMails(name)).toEqual([
      [mailTo, `Update order for ${name} is waiting for provider approval`],
      [mailTo, `Terminate order for ${name} is waiting for provider approval`],
    ]);

    // The protocol as the agent spoke it.
    const list = `GET /api/marketplace-orders/?offering_uuid=${dashed(m.offering.uuid)}&state=pending-provider&state=executing&page=1&page_size=100`;
    expect(agent.calls.filter((c) => c === list)).toHaveLength(5);
    expect(agent.calls).toContain(
      `POST /api/marketplace-orders/${dashed(created.uuid)}/approve_by_provider/`,
    );
    expect(agent.calls).toContain(`POST /api/marketplace-orders/${dashed(created.uuid)}/set_state_erred/`);
    expect(agent.calls.filter((c) => c.endsWith('/set_state_done/'))).toHaveLength(3);
    expect(await agent.healthCheck()).toBeGreaterThanOrEqual(3);
  });

  it('the agent rejects what its backend refuses and leaves PENDING decisions alone', async () => {
    const agent = new SiteAgent(s.url, m.providerOwner.token, m.offering.uuid, new FakeSlurm(), (o) =>
      o.attributes.name === 'refused' ? 'REJECT' : 'PENDING',
    );
    const refused = await consumer<AgentOrder>(
      'POST',
      '/api/marketplace-orders/',
      orderBody(s.url, m, { attributes: { name: 'refused' } }),
    );
    const waiting = await consumer<AgentOrder>('POST', '/api/marketplace-orders/', orderBody(s.url, m));
    await agent.processOffering();
    expect((await getOrder(s, refused.uuid, m.owner)).state).toBe('rejected');
    expect((await resource(refused.marketplace_resource_uuid)).state).toBe('Terminated');
    expect((await getOrder(s, waiting.uuid, m.owner)).state).toBe('pending-provider');
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });

  it('pages through more than 100 orders with page_size=100 (bare arrays, stops on a short page)', async () => {
    const big = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    for (let i = 0; i < 101; i++) {
      const res = await s.tdb.db
        .insertInto('resources')
        .values({ offering_id: big.offering.id, project_id: big.project.id, name: `bulk-${i}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await s.tdb.db
        .insertInto('orders')
        .values({
          resource_id: res.id,
          offering_id: big.offering.id,
          project_id: big.project.id,
          type: 1,
          state: 7,
        })
        .execute();
    }
    const seen = new Set<string>();
    const agent = new SiteAgent(s.url, big.providerOwner.token, big.offering.uuid, new FakeSlurm(), (o) => {
      seen.add(o.uuid);
      return 'PENDING';
    });
    await agent.processOffering();
    expect(seen.size).toBe(101);
    expect(agent.calls.map((c) => c.match(/page=(\d+)/)?.[1])).toEqual(['1', '2']);
  });

  it('order set_backend_id and sparse fieldsets as the agent uses them', async () => {
    const o = await consumer<AgentOrder>('POST', '/api/marketplace-orders/', orderBody(s.url, m));
    const set = await s.request<{ status: string }>(
      'POST',
      `/api/marketplace-orders/${dashed(o.uuid)}/set_backend_id/`,
      {
        token: m.providerOwner.token,
        body: { backend_id: 'job-42' },
      },
    );
    expect(set.body).toEqual({ status: 'Order backend_id has been changed.' });
    const sparse = await s.request<Record<string, unknown>>(
      'GET',
      `/api/marketplace-orders/${dashed(o.uuid)}/?field=uuid&field=state`,
      { token: m.providerOwner.token },
    );
    expect(sparse.body).toEqual({ uuid: hexId(o.uuid), state: 'pending-provider' });
    // set_state_erred accepts any state (checklist i).
    const erred = await s.request('POST', `/api/marketplace-orders/${dashed(o.uuid)}/set_state_erred/`, {
      token: m.providerOwner.token,
      body: { error_message: 'cancelled on the cluster', error_traceback: '' },
    });
    expect(erred.status).toBe(200);
    expect((await getOrder(s, o.uuid, m.owner)).state).toBe('erred');
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });
});

describe('the report loop: usage, last sync, set_as_erred / set_as_ok', () => {
  it('reports usage per component, keeps the month’s latest value, and follows the resource health', async () => {
    const backend = new FakeSlurm();
    const agent = new SiteAgent(s.url, m.providerOwner.token, m.offering.uuid, backend);
    const o = await consumer<AgentOrder>('POST', '/api/marketplace-orders/', orderBody(s.url, m));
    await agent.processOffering();
    const uuid = o.marketplace_resource_uuid;
    const r = await resource(uuid);
    expect(r.state).toBe('OK');

    await agent.report((x): Record<string, string> => (x.uuid === hexId(uuid) ? { cpu: '12.5' } : {}));
    let after = await resource(uuid);
    expect(after.current_usages).toEqual({ cpu: 12.5 });
    expect(after.last_sync).not.toBeNull();
    await agent.report((x): Record<string, string> => (x.uuid === hexId(uuid) ? { cpu: '20' } : {}));
    const usages = await s.request<{ type: string; usage: string; billing_period: string }[]>(
      'GET',
      `/api/marketplace-component-usages/?resource_uuid=${uuid}`,
      { token: m.owner.token },
    );
    expect(usages.body).toEqual([
      expect.objectContaining({
        type: 'cpu',
        usage: '20.0000000000',
        billing_period: `${new Date().toISOString().slice(0, 7)}-01`,
      }),
    ]);

    backend.failSync.add(r.backend_id);
    await agent.report(() => ({}));
    after = await resource(uuid);
    expect(after).toMatchObject({ state: 'Erred', error_message: `Sync of ${r.backend_id} failed` });
    backend.failSync.clear();
    await agent.report((x): Record<string, string> => (x.uuid === hexId(uuid) ? { cpu: '21' } : {}));
    after = await resource(uuid);
    expect(after).toMatchObject({ state: 'OK', error_message: '' });
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });

  it('set_usage refusals: unknown component 400, consumer-side caller 400 (resource not in their view), 403 without RESOURCE.SET_USAGE', async () => {
    const o = await consumer<AgentOrder>('POST', '/api/marketplace-orders/', orderBody(s.url, m));
    const path = '/api/marketplace-component-usages/set_usage/';
    const body = { resource: dashed(o.marketplace_resource_uuid), usages: [{ type: 'cpu', amount: '1' }] };
    const unknown = await s.request('POST', path, {
      token: m.providerOwner.token,
      body: { ...body, usages: [{ type: 'ram', amount: '1' }] },
    });
    expect(unknown.status).toBe(400);
    expect((await s.request('POST', path, { token: m.projectAdmin.token, body })).status).toBe(400);
    expect((await s.request('POST', path, { token: m.customerManager.token, body })).status).toBe(403);
    expect((await s.request('POST', path, { token: m.offeringManager.token, body })).status).toBe(201);
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });
});
