import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentClient, IDS, type Service, SVCS, UA } from '../support/agent-registry.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { hexId } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

// The site agent API's monitoring side: support-only statistics, and the integration status
// (agent last seen) recorded when an agent polls its offering's orders.
let s: TestServer;
let m: Marketplace;
let other: Marketplace;
let call: ReturnType<typeof agentClient>['call'];
let registerAs: ReturnType<typeof agentClient>['registerAs'];

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  other = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  ({ call, registerAs } = agentClient(s));
});
afterAll(async () => {
  await s.close();
});

describe('site agent monitoring: support-only statistics', () => {
  it('stats, task stats and connection stats for support and staff; 403 for providers', async () => {
    const id = await registerAs(other.providerOwner, other.offering.uuid, 'agent-stats');
    const svc = await call<Service>(other.providerOwner, 'POST', `${IDS}${id.uuid}/register_service/`, 201, {
      name: 'stats',
    });
    await call(other.providerOwner, 'POST', `${SVCS}${svc.uuid}/register_processor/`, 201, {
      name: 'p',
      backend_type: 'SLURM',
    });

    const stats = await call<{
      identities: { total: number; by_offering: { offering__uuid: string; count: number }[] };
      services: { total: number; by_state: { active: number }; stale_count: number };
      processors: { total: number; by_backend_type: { backend_type: string; count: number }[] };
    }>(m.support, 'GET', '/api/marketplace-site-agent-stats/', 200);
    expect(stats.identities.total).toBeGreaterThanOrEqual(1);
    expect(
      stats.identities.by_offering.find((o) => o.offering__uuid === hexId(other.offering.uuid))?.count,
    ).toBeGreaterThanOrEqual(1);
    expect(stats.services.by_state.active).toBeGreaterThanOrEqual(1);
    expect(
      stats.processors.by_backend_type.find((b) => b.backend_type === 'SLURM')?.count,
    ).toBeGreaterThanOrEqual(1);

    const tasks = await call(m.staff, 'GET', '/api/marketplace-site-agent-task-stats/', 200);
    expect(tasks).toEqual({ active_tasks: [], scheduled_tasks: [], reserved_tasks: [] });
    const conn = await call<{
      agents: { uuid: string; services: { state: string }[] }[];
      summary: { connected_agents: number };
    }>(m.support, 'GET', '/api/marketplace-site-agent-connection-stats/', 200);
    expect(conn.summary.connected_agents).toBe(0);
    expect(conn.agents.find((a) => a.uuid === id.uuid)?.services).toEqual([
      expect.objectContaining({ name: 'stats', state: 'Active' }),
    ]);
    for (const path of ['stats', 'task-stats', 'connection-stats']) {
      await call(m.providerOwner, 'GET', `/api/marketplace-site-agent-${path}/`, 403);
    }
  });
});

describe('site agent monitoring: integration status from the agent’s order polling', () => {
  it('an agent listing its offering’s orders marks the agent as seen; others leave no trace', async () => {
    const mk = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const statuses = () =>
      call<
        { agent_type: string; status: string; service_name: string; last_request_timestamp: string | null }[]
      >(
        mk.providerOwner,
        'GET',
        `/api/marketplace-integration-statuses/?offering_uuid=${mk.offering.uuid}`,
        200,
      );
    const orders = `/api/marketplace-orders/?offering_uuid=${mk.offering.uuid}&state=pending-provider`;
    // A browser, and a consumer pretending to be an agent, do not count.
    await s.request('GET', orders, { token: mk.providerOwner.token });
    await call(mk.owner, 'GET', orders, 200);
    expect(await statuses()).toEqual([]);

    await call(mk.offeringManager, 'GET', orders, 200);
    const seen = await statuses();
    expect(seen.map((x) => [x.agent_type, x.status, x.service_name])).toEqual([
      ['Order processing', 'Active', UA['user-agent']],
      ['Event processing', 'Active', UA['user-agent']],
    ]);
    expect(seen[0]?.last_request_timestamp).not.toBeNull();
    // Other organizations do not see the statuses.
    expect(
      await call<unknown[]>(
        other.providerOwner,
        'GET',
        `/api/marketplace-integration-statuses/?offering_uuid=${mk.offering.uuid}`,
        200,
      ),
    ).toEqual([]);
  });
});

describe('site agent monitoring: integration status from the agent’s resource polling', () => {
  it('an agent listing its offering’s resources marks usage reporting as seen', async () => {
    const mk = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const statuses = async () =>
      (
        await call<{ agent_type: string; status: string }[]>(
          mk.providerOwner,
          'GET',
          `/api/marketplace-integration-statuses/?offering_uuid=${mk.offering.uuid}`,
          200,
        )
      ).map((x) => [x.agent_type, x.status]);
    const resources = `/api/marketplace-provider-resources/?offering_uuid=${mk.offering.uuid}`;
    await s.request('GET', resources, { token: mk.offeringManager.token });
    expect(await statuses()).toEqual([]);
    await call(mk.offeringManager, 'GET', resources, 200);
    expect(await statuses()).toEqual([['Usage reporting', 'Active']]);
  });
});

describe('site agent monitoring: staff cleanups', () => {
  it('cleanup_orphaned and cleanup_stale list on a dry run, delete otherwise; staff only', async () => {
    const mk = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const orphan = await registerAs(mk.providerOwner, mk.offering.uuid, 'orphan-agent');
    const busy = await registerAs(mk.providerOwner, mk.offering.uuid, 'busy-agent');
    const svc = await call<Service>(mk.providerOwner, 'POST', `${IDS}${busy.uuid}/register_service/`, 201, {
      name: 'old',
    });
    await s.tdb.db
      .updateTable('site_agent_services')
      .set({ modified: new Date(Date.now() - 48 * 3600 * 1000) })
      .where('uuid', '=', svc.uuid)
      .execute();
    const orphaned = `${IDS}cleanup_orphaned/`;
    const stale = `${SVCS}cleanup_stale/`;
    await call(mk.providerOwner, 'POST', orphaned, 403, {});
    await call(mk.providerOwner, 'POST', stale, 403, {});
    type Cleanup = { deleted_count: number; dry_run: boolean; items: { uuid: string; name: string }[] };
    const listed = await call<Cleanup>(m.staff, 'POST', orphaned, 200, {});
    expect(listed.dry_run).toBe(true);
    expect(listed.items.map((i) => i.uuid)).toContain(orphan.uuid);
    await call(mk.providerOwner, 'GET', `${IDS}${orphan.uuid}/`, 200);
    const staleListed = await call<Cleanup>(m.staff, 'POST', stale, 200, { older_than_hours: 24 });
    expect(staleListed.items.map((i) => i.uuid)).toContain(svc.uuid);
    await call(m.staff, 'POST', stale, 400, { older_than_hours: 0 });

    const removed = await call<Cleanup>(m.staff, 'POST', stale, 200, {
      dry_run: false,
      older_than_hours: 24,
    });
    expect(removed.items.map((i) => i.name)).toContain('old');
    await call(mk.providerOwner, 'GET', `${SVCS}${svc.uuid}/`, 404);
    const gone = await call<Cleanup>(m.staff, 'POST', orphaned, 200, { dry_run: false });
    expect(gone.items.map((i) => i.uuid)).toEqual(expect.arrayContaining([orphan.uuid, busy.uuid]));
    await call(mk.providerOwner, 'GET', `${IDS}${orphan.uuid}/`, 404);
  });
});
