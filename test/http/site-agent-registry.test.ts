import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentClient,
  IDS,
  type Identity,
  LOGS,
  PROCS,
  type Problem,
  type Processor,
  pointers,
  type Service,
  SVCS,
} from '../support/agent-registry.js';
import { grant, makeProject, makeUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { hexId } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

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

describe('site agent registry: the agent start-up sequence', () => {
  it('identity, service, processor, statistics and logs, re-registration answering 200', async () => {
    const owner = m.providerOwner;
    const name = `agent-${m.offering.uuid}`;
    expect(await call<Identity[]>(owner, 'GET', `${IDS}?name=${name}`, 200)).toEqual([]);

    const id = await registerAs(owner, m.offering.uuid);
    expect(id).toMatchObject({
      offering: hexId(m.offering.uuid),
      name,
      version: '0.7.0',
      created_by: hexId(owner.uuid),
      dependencies: [{ package: 'waldur-api-client', version: '8.1.2' }],
      last_restarted: '2026-12-01T10:00:00.123Z',
      services: [],
    });
    expect(id.url).toBe(`${s.url}${IDS}${id.uuid}/`);

    // Restart: the agent finds itself by name and PUTs the full body.
    const [found] = await call<Identity[]>(owner, 'GET', `${IDS}?name=${name}`, 200);
    expect(found?.uuid).toBe(id.uuid);
    const put = await call<Identity>(owner, 'PUT', `${IDS}${id.uuid}/`, 200, {
      offering: m.offering.uuid,
      name,
      version: '0.8.0',
      last_restarted: '2026-12-02T00:00:00Z',
    });
    expect(put).toMatchObject({ version: '0.8.0', last_restarted: '2026-12-02T00:00:00.000Z' });
    const patched = await call<Identity>(owner, 'PATCH', `${IDS}${id.uuid}/`, 200, {
      config_file_path: '/etc/waldur/agent.yaml',
    });
    expect(patched).toMatchObject({ version: '0.8.0', name });

    const svc = await call<Service>(owner, 'POST', `${IDS}${id.uuid}/register_service/`, 201, {
      name: 'order_process',
      mode: 'order_process',
    });
    expect(svc).toMatchObject({
      identity: id.uuid,
      identity_name: name,
      state: 'Active',
      statistics: {},
      processors: [],
    });
    const again = await call<Service>(owner, 'POST', `${IDS}${id.uuid}/register_service/`, 200, {
      name: 'order_process',
    });
    expect(again).toMatchObject({ uuid: svc.uuid, mode: 'order_process' });

    const proc = await call<Processor>(owner, 'POST', `${SVCS}${svc.uuid}/register_processor/`, 201, {
      name: 'OfferingOrderProcessor',
      backend_type: 'waldur_site_agent_slurm.backend.SlurmBackend',
      backend_version: '23.11',
    });
    expect(proc).toMatchObject({
      service: svc.uuid,
      service_name: 'order_process',
      backend_version: '23.11',
    });
    expect(proc.last_run).not.toBeNull();
    const proc2 = await call<Processor>(owner, 'POST', `${SVCS}${svc.uuid}/register_processor/`, 200, {
      name: 'OfferingOrderProcessor',
      backend_type: 'waldur_site_agent_slurm.backend.SlurmBackend',
      backend_version: '24.05',
    });
    expect(proc2).toMatchObject({ uuid: proc.uuid, backend_version: '24.05' });

    const stats = await call<Service>(owner, 'POST', `${SVCS}${svc.uuid}/set_statistics/`, 200, {
      statistics: { processed_orders: 3 },
    });
    expect(stats.statistics).toEqual({ processed_orders: 3 });

    const detail = await call<Service>(owner, 'GET', `${SVCS}${svc.uuid}/`, 200);
    expect(detail.processors.map((p) => [p.name, p.backend_version])).toEqual([
      ['OfferingOrderProcessor', '24.05'],
    ]);
    const withServices = await call<Identity>(owner, 'GET', `${IDS}${id.uuid}/`, 200);
    expect(withServices.services.map((x) => [x.name, x.state])).toEqual([['order_process', 'Active']]);

    // Logs: a JSON array of entries with the identity's hex uuid, as the log shipper sends them.
    const shipped = await call<{ level: string; offering_uuid: string }[]>(owner, 'POST', LOGS, 201, [
      {
        agent_identity_uuid: id.uuid,
        timestamp: 1_700_000_000.5,
        level: 'INFO',
        message: 'started',
        module: 'main',
      },
      {
        agent_identity_uuid: id.uuid,
        timestamp: 1_700_000_100,
        level: 'ERROR',
        message: 'sacctmgr failed',
        module: 'slurm',
      },
    ]);
    expect(shipped.map((l) => l.level)).toEqual(['INFO', 'ERROR']);
    expect(shipped[0]?.offering_uuid).toBe(hexId(m.offering.uuid));
    const newest = await call<{ message: string }[]>(
      owner,
      'GET',
      `${LOGS}?agent_identity_uuid=${id.uuid}`,
      200,
    );
    expect(newest.map((l) => l.message)).toEqual(['sacctmgr failed', 'started']);
    const errors = await call<unknown[]>(
      owner,
      'GET',
      `${LOGS}?offering_uuid=${m.offering.uuid}&level=ERROR`,
      200,
    );
    expect(errors).toHaveLength(1);
    const window = await call<unknown[]>(
      owner,
      'GET',
      `${LOGS}?timestamp_from=1700000000&timestamp_to=1700000050`,
      200,
    );
    expect(window).toHaveLength(1);

    // Filters of the lists.
    const q = async (path: string) =>
      (await call<{ uuid: string }[]>(owner, 'GET', path, 200)).map((x) => x.uuid);
    expect(await q(`${IDS}?offering_uuid=${m.offering.uuid}`)).toEqual([id.uuid]);
    expect(await q(`${IDS}?orphaned=true&offering_uuid=${m.offering.uuid}`)).toEqual([]);
    expect(await q(`${IDS}?version=0.8.0&offering_uuid=${m.offering.uuid}`)).toEqual([id.uuid]);
    expect(await q(`${IDS}?last_restarted=2026-12-03T00:00:00Z`)).toEqual([]);
    expect(await q(`${SVCS}?identity_uuid=${id.uuid}&state=1`)).toEqual([svc.uuid]);
    expect(await q(`${SVCS}?identity_uuid=${id.uuid}&state=Error`)).toEqual([]);
    expect(await q(`${SVCS}?mode=order_process&stale=false&identity_uuid=${id.uuid}`)).toEqual([svc.uuid]);
    expect(await q(`${SVCS}?stale=true&identity_uuid=${id.uuid}`)).toEqual([]);
    expect(await q(`${PROCS}?service_uuid=${svc.uuid}&backend_version=24.05`)).toEqual([proc.uuid]);
    expect(await q(`${PROCS}?service_uuid=${svc.uuid}&stale=true`)).toEqual([]);
    expect((await call<Processor>(owner, 'GET', `${PROCS}${proc.uuid}/`, 200)).name).toBe(
      'OfferingOrderProcessor',
    );

    // Deletion cascades: processor, then service, then the identity with its logs.
    await call(owner, 'DELETE', `${PROCS}${proc.uuid}/`, 204);
    await call(owner, 'GET', `${PROCS}${proc.uuid}/`, 404);
    await call(owner, 'DELETE', `${SVCS}${svc.uuid}/`, 204);
    expect(await q(`${IDS}?orphaned=true&offering_uuid=${m.offering.uuid}`)).toEqual([id.uuid]);
    await call(owner, 'DELETE', `${IDS}${id.uuid}/`, 204);
    await call(owner, 'GET', `${IDS}${id.uuid}/`, 404);
    expect(await call<unknown[]>(owner, 'GET', `${LOGS}?agent_identity_uuid=${id.uuid}`, 200)).toEqual([]);
  });
});

describe('site agent registry: who may manage an offering’s agents', () => {
  it('offering manager, provider owner and service manager manage; support reads; others get 404 or 403', async () => {
    const id = await registerAs(m.offeringManager, m.offering.uuid, 'agent-by-manager');
    const svc = await call<Service>(m.customerManager, 'POST', `${IDS}${id.uuid}/register_service/`, 201, {
      name: 'report',
    });
    await call(m.providerOwner, 'POST', `${SVCS}${svc.uuid}/set_statistics/`, 200, { statistics: {} });
    await call(m.staff, 'GET', `${IDS}${id.uuid}/`, 200);

    // Support sees everything but changes nothing.
    await call(m.support, 'GET', `${IDS}${id.uuid}/`, 200);
    const denied = await call<Problem>(m.support, 'POST', `${IDS}${id.uuid}/register_service/`, 403, {
      name: 'x',
    });
    expect(denied.code).toBe('site_agent.permission_denied');

    // Another organization's provider, the consumer and an outsider do not see the agent at all.
    for (const user of [other.providerOwner, other.offeringManager, m.owner, m.outsider]) {
      await call(user, 'GET', `${IDS}${id.uuid}/`, 404);
      await call(user, 'PUT', `${IDS}${id.uuid}/`, 404, { offering: m.offering.uuid, name: 'x' });
      await call(user, 'DELETE', `${IDS}${id.uuid}/`, 404);
      await call(user, 'POST', `${IDS}${id.uuid}/register_service/`, 404, { name: 'x' });
      await call(user, 'POST', `${IDS}${id.uuid}/register_queue/`, 404, {});
      await call(user, 'GET', `${SVCS}${svc.uuid}/`, 404);
      await call(user, 'POST', `${SVCS}${svc.uuid}/register_processor/`, 404, {
        name: 'p',
        backend_type: 'x',
      });
      expect(await call<unknown[]>(user, 'GET', `${IDS}?name=agent-by-manager`, 200)).toEqual([]);
      expect(await call<unknown[]>(user, 'GET', `${SVCS}?identity_uuid=${id.uuid}`, 200)).toEqual([]);
      const made = await call<Problem>(user, 'POST', IDS, 400, {
        offering: m.offering.uuid,
        name: 'intruder',
      });
      expect(pointers(made)).toEqual(['/body/offering']);
      const logs = await call<Problem>(user, 'POST', LOGS, 400, [
        { agent_identity_uuid: id.uuid, timestamp: 1, level: 'INFO', message: 'x', module: 'y' },
      ]);
      expect(pointers(logs)).toEqual(['/body/0/agent_identity_uuid']);
    }

    // A consumer-side member of the provider organization sees the agent but may not manage it.
    const member = await makeUser(s.tdb.db);
    const project = await makeProject(s.tdb.db, m.provider.id);
    await grant(s.tdb.db, member.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
    await call(member, 'GET', `${IDS}${id.uuid}/`, 200);
    await call(member, 'POST', `${IDS}${id.uuid}/register_service/`, 403, { name: 'x' });
    await call(member, 'DELETE', `${SVCS}${svc.uuid}/`, 403);
    await call(member, 'POST', IDS, 403, { offering: m.offering.uuid, name: 'member-agent' });
    await call(member, 'POST', LOGS, 403, [
      { agent_identity_uuid: id.uuid, timestamp: 1, level: 'INFO', message: 'x', module: 'y' },
    ]);

    // The other organization's offering manager manages only its own offering.
    await registerAs(other.offeringManager, other.offering.uuid, 'other-agent');
    const ownList = await call<Identity[]>(other.offeringManager, 'GET', IDS, 200);
    expect(ownList.map((i) => i.name)).toEqual(['other-agent']);
  });
});

describe('site agent registry: bad input is a 400 naming the field', () => {
  it('identity, service, processor, statistics and log bodies', async () => {
    const u = m.providerOwner;
    const bad = async (method: string, path: string, body: unknown) =>
      pointers(await call<Problem>(u, method, path, 400, body));
    expect(await bad('POST', IDS, { offering: m.offering.uuid })).toEqual(['/body/name']);
    expect(await bad('POST', IDS, { offering: 'not-a-uuid', name: 'a' })).toEqual(['/body/offering']);
    expect(
      await bad('POST', IDS, { offering: m.offering.uuid, name: 'a', last_restarted: 'yesterday' }),
    ).toEqual(['/body/last_restarted']);
    expect(
      await bad('POST', IDS, { offering: m.offering.uuid, name: 'a', dependencies: [{ package: 'x' }] }),
    ).toEqual(['/body/dependencies/0/version']);
    const rancher = await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Rancher' });
    expect(await bad('POST', IDS, { offering: rancher.uuid, name: 'a' })).toEqual(['/body/offering']);

    const id = await registerAs(u, m.offering.uuid, 'agent-bad-input');
    expect(await bad('PUT', `${IDS}${id.uuid}/`, { offering: other.offering.uuid, name: 'a' })).toEqual([
      '/body/offering',
    ]);
    expect(await bad('PUT', `${IDS}${id.uuid}/`, { offering: m.offering.uuid })).toEqual(['/body/name']);
    expect(await bad('POST', `${IDS}${id.uuid}/register_service/`, {})).toEqual(['/body/name']);
    const svc = await call<Service>(u, 'POST', `${IDS}${id.uuid}/register_service/`, 201, { name: 'svc' });
    expect(await bad('POST', `${SVCS}${svc.uuid}/register_processor/`, { name: 'p' })).toEqual([
      '/body/backend_type',
    ]);
    expect(await bad('POST', `${SVCS}${svc.uuid}/set_statistics/`, { statistics: 'many' })).toEqual([
      '/body/statistics',
    ]);
    expect(await bad('POST', LOGS, { agent_identity_uuid: id.uuid })).toEqual(['/body']);
    expect(
      await bad('POST', LOGS, [
        { agent_identity_uuid: id.uuid, timestamp: 1, level: 'LOUD', message: 'x', module: 'y' },
      ]),
    ).toEqual(['/body/0/level']);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      await bad('POST', LOGS, [
        { agent_identity_uuid: unknown, timestamp: 1, level: 'INFO', message: 'x', module: 'y' },
      ]),
    ).toEqual(['/body/0/agent_identity_uuid']);
    await call(u, 'GET', `${IDS}${unknown}/`, 404);
    await call(u, 'GET', `${IDS}?last_restarted=soon`, 400);
  });
});

describe('site agent registry: no message broker (STOMP disabled)', () => {
  it('register_event_subscription and register_queue answer Waldur’s broker failure, never a 5xx', async () => {
    const id = await registerAs(m.providerOwner, m.offering.uuid, 'agent-stomp');
    const sub = await call<Problem>(
      m.providerOwner,
      'POST',
      `${IDS}${id.uuid}/register_event_subscription/`,
      400,
      {
        observable_object_type: 'order',
        description: 'Event subscription created by the site agent',
      },
    );
    expect(sub).toMatchObject({
      code: 'site_agent.broker_unavailable',
      detail: 'Failed to create RabbitMQ virtual host',
    });
    const queue = await call<Problem>(m.offeringManager, 'POST', `${IDS}${id.uuid}/register_queue/`, 400, {
      object_types: ['order', 'resource'],
    });
    expect(queue.code).toBe('site_agent.broker_unavailable');
    await call(m.providerOwner, 'POST', `${IDS}${id.uuid}/register_queue/`, 400);
    const typo = await call<Problem>(
      m.providerOwner,
      'POST',
      `${IDS}${id.uuid}/register_event_subscription/`,
      400,
      {
        observable_object_type: 'orders',
      },
    );
    expect(typo.code).toBe('validation_error');
    expect(pointers(typo)).toEqual(['/body/observable_object_type']);
    await call(other.providerOwner, 'POST', `${IDS}${id.uuid}/register_event_subscription/`, 404, {
      observable_object_type: 'order',
    });
    await call(m.support, 'POST', `${IDS}${id.uuid}/register_event_subscription/`, 403, {
      observable_object_type: 'order',
    });
  });
});
