/**
 * The HTTP protocol of the real waldur-site-agent (waldur/waldur-site-agent @2f3457f3, SLURM plugin,
 * over waldur_api_client 8.1.2), replayed against Orderly with the token of a user who is ONLY
 * OFFERING.MANAGER of the offering. Paths, query parameters (in the client's order; lists repeat
 * the key; `sync_all` adds `page_size=100`), uuid forms (`.hex` → hex, a `UUID` object → dashed),
 * bodies and the success statuses the generated client accepts are taken from the agent's source:
 *
 * Registration — every polling cycle of each mode (polling_processing/agent_order_process.py:66-90,
 * agent_report.py:49-75, agent_membership_sync.py:64-90):
 *   R1 GET  /api/marketplace-site-agent-identities/?name=agent-<offering>         agent_identity_management.py:106
 *   R2 POST /api/marketplace-site-agent-identities/ {offering,name,version,last_restarted,dependencies,
 *           config_file_path:'',config_file_content:''} → 201                       agent_identity_management.py:137
 *   R3 (next cycle) R1 again, then PUT /api/marketplace-site-agent-identities/<hex>/ (same body) → 200   :112
 *   R4 POST /api/marketplace-site-agent-identities/<hex>/register_service/ {name:mode,mode} → 200|201   :211
 *   R5 processor constructor: GET /api/users/me/                                  utils.py:934 (processors.py:318)
 *      GET /api/marketplace-provider-offerings/<uuid>/?field=components&field=customer_uuid&field=partitions
 *          &field=plugin_options                                                  processors.py:323
 *      GET /api/marketplace-service-providers/?customer_uuid=<hex>&field=uuid     processors.py:337
 *   R6 POST /api/marketplace-site-agent-services/<hex>/register_processor/ {name,backend_type,backend_version}
 *           → 200|201                                                             agent_identity_management.py:245
 *   R7 POST /api/marketplace-site-agent-services/<hex>/set_statistics/ {statistics} → 200 (client API, unused)
 * Order loop (OfferingOrderProcessor, processors.py:854-1150), User-Agent waldur-site-agent-order_process/<v>:
 *   O1 GET  /api/marketplace-orders/?offering_uuid=<uuid>&state=pending-provider&state=executing&page_size=100 :877
 *   O2 POST /api/marketplace-orders/<hex>/approve_by_provider/ {} → 200            :989
 *   O3 GET  /api/marketplace-orders/<hex>/ (refresh)                               :999
 *      (decision REJECT: POST /api/marketplace-orders/<hex>/reject_by_provider/ {} → 200   :1008;
 *      the agent never calls set_state_executing: approval moves the order to executing)
 *   O4 GET  /api/marketplace-provider-resources/<hex>/                             :1506
 *   O5 GET  /api/marketplace-provider-resources/<hex>/team/                        :1304
 *      GET  /api/marketplace-provider-offerings/<uuid>/user-attribute-config/ (tolerated)   :427
 *      GET  /api/marketplace-offering-users/?field=…&is_restricted=false&offering_uuid=<uuid>&page_size=100 :511
 *      GET  /api/marketplace-plans/<dashed>/ (tolerated)                          :1685
 *      GET  /api/marketplace-service-providers/<hex>/keys/ (tolerated)            :839
 *   O6 POST /api/marketplace-provider-resources/<hex>/set_backend_id/ {backend_id} → 200   :1190
 *      POST /api/marketplace-provider-resources/<hex>/set_limits/ {limits} → 200          :1198
 *   O7 GET  /api/marketplace-orders/<hex>/?field=uuid&field=state                 :1049
 *      POST /api/marketplace-orders/<hex>/set_state_done/ → 200                   :1063
 *   O8 post-process: O4, O5 again :1749; O9 async backends: POST /api/marketplace-orders/<hex>/set_backend_id/ {backend_id} → 200   :1465
 *   O10 failure: POST /api/marketplace-orders/<dashed>/set_state_erred/ {error_message,error_traceback} → 200 :1135
 * Report loop (OfferingReportProcessor, processors.py:3079-3470):
 *   P1 GET /api/marketplace-provider-offerings/<uuid>/?field=components           :3091
 *   P2 GET /api/marketplace-provider-resources/?field=…&offering_uuid=<uuid>&state=OK&state=Erred&page_size=100 :3096
 *   P3 GET /api/marketplace-provider-resources/<hex>/?field=uuid&field=name&field=backend_id   :3492
 *   P4 GET /api/marketplace-component-usages/?billing_period=<YYYY-MM-01>&field=uuid&field=type&field=usage
 *          &resource_uuid=<hex>&page_size=100                                      :3268
 *   P5 GET /api/marketplace-component-user-usages/?component_usage_billing_period=<YYYY-MM-01>
 *          &field=component_usage&resource_uuid=<hex>&page_size=100 (supports_decreasing_usage false) :3324
 *   P6 POST /api/marketplace-component-usages/set_usage/ {usages:[{type,amount:'12.50'}],resource:<hex>,date} → 201 :3361
 *   P7 P4 again, then POST /api/marketplace-component-usages/<dashed>/set_user_usages/
 *          {usages:[{username,usage:'5.00',date,user:<offering user url>}]} → 201  :3651, :3464
 * Membership sync (OfferingMembershipProcessor, processors.py:1909-2927; utils.py:1228-1470):
 *   M1 GET /api/marketplace-provider-resources/?field=…(23 fields)&offering_uuid=<uuid>&state=OK&state=Erred&page_size=100 :1855
 *   M2 GET /api/marketplace-provider-offerings/<uuid>/?field=plugin_options (twice)   :2162, utils.py:1284
 *   M3 offering users list (as O5); requested ones: POST /api/marketplace-offering-users/<dashed>/begin_creating/
 *          → 200 (utils.py:1355); PATCH /api/marketplace-offering-users/<dashed>/ {username} → 200 (utils.py:1467);
 *          list again (cache invalidated)
 *   M4 GET /api/marketplace-provider-resources/<hex>/team/                         :2312
 *   M5 POST /api/marketplace-provider-resources/<dashed>/set_membership_sync_statuses/ {statuses:[…]} → 200
 *          (offerings with plugin option enable_membership_sync_status)           :2686
 *   M6 POST …/<hex>/set_backend_metadata/ {backend_metadata} → 200                 :2778
 *      POST …/<hex>/set_limits/ {limits} (backend limits differ) → 200             utils.py:1591
 *      POST …/<hex>/refresh_last_sync/ → 200                                       :2896
 *   M7 failure: POST …/<hex>/set_as_erred/ {error_message,error_traceback} → 200   utils.py:676
 *      next cycle: refresh_last_sync, then POST …/<hex>/set_as_ok/ → 200            :2906
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentReplay,
  billingPeriod,
  dashedUuid,
  fields,
  get,
  hexUuid,
  MEMBERSHIP_FIELDS,
  OFFERING_USER_FIELDS,
  post,
  REPORT_FIELDS,
  reportDate,
} from '../support/agent-replay.js';
import { makeUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, type OrderView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

type OfferingUser = { uuid: string; url: string; username: string | null; state: string };
type Row = Record<string, unknown> & { uuid: string };

const VERSION = '0.9.4';
const RESOURCES = '/api/marketplace-provider-resources/';
const USAGES = '/api/marketplace-component-usages/';
const USER_USAGES = '/api/marketplace-component-user-usages/';
const OFFERING_USERS = '/api/marketplace-offering-users/';
const PAGE: [string, string] = ['page_size', '100'];
const OK_OR_ERRED: [string, string][] = [
  ['state', 'OK'],
  ['state', 'Erred'],
];

let s: TestServer;
let m: Marketplace;
let offering: string;
let agent: AgentReplay;
let done: OrderView;
let failing: OrderView;
let resource: string;
let offeringUser: OfferingUser;
let serviceProvider = '';

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
    username_generation_policy: 'service_provider',
    service_provider_can_create_offering_user: true,
    enable_membership_sync_status: true,
  });
  offering = hexUuid(m.offering.uuid);
  agent = new AgentReplay(s.url, m.offeringManager.token, `waldur-site-agent-order_process/${VERSION}`);
  done = await createOrder(s, m, m.owner);
  failing = await createOrder(s, m, m.owner);
  resource = hexUuid(done.marketplace_resource_uuid);
});
afterAll(() => s.close());

const ids = (rows: { uuid: string }[]) => rows.map((r) => hexUuid(r.uuid));
const usagesQuery = (): [string, string][] => [
  ['billing_period', billingPeriod()],
  ...fields('uuid', 'type', 'usage'),
  ['resource_uuid', resource],
  PAGE,
];
const offeringUsersQuery = (): [string, string][] => [
  ...OFFERING_USER_FIELDS,
  ['is_restricted', 'false'],
  ['offering_uuid', offering],
  PAGE,
];

describe('the waldur-site-agent protocol, as an OFFERING.MANAGER only', () => {
  it('setup: the agent user holds exactly one role, OFFERING.MANAGER of the offering', async () => {
    const roles = await s.tdb.db
      .selectFrom('user_roles as ur')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .select(['r.name', 'ur.scope_type', 'ur.scope_id'])
      .where('ur.user_id', '=', m.offeringManager.id)
      .execute();
    expect(roles).toEqual([{ name: 'OFFERING.MANAGER', scope_type: 'offering', scope_id: m.offering.id }]);
    expect([done.state, failing.state]).toEqual(['pending-provider', 'pending-provider']);
  });

  it('setup: staff adds the project admin as an offering user (state Requested)', async () => {
    const r = await s.request<OfferingUser>('POST', OFFERING_USERS, {
      token: m.staff.token,
      body: {
        offering: `${s.url}/api/marketplace-provider-offerings/${offering}/`,
        user: `${s.url}/api/users/${hexUuid(m.projectAdmin.uuid)}/`,
      },
    });
    expect(r.status, r.text).toBe(201);
    offeringUser = r.body;
    expect(offeringUser.state).toBe('Requested');
  });

  it('R1–R4: registers (then re-registers) its identity and its service', async () => {
    const name = `agent-${offering}`;
    const identity = () => ({
      offering: dashedUuid(offering),
      name,
      version: VERSION,
      last_restarted: new Date().toISOString().replace('Z', '+00:00'),
      dependencies: [{ package: 'waldur-api-client', version: '8.1.2' }],
      config_file_path: '',
      config_file_content: '',
    });
    const path = '/api/marketplace-site-agent-identities/';
    expect(await get(agent, path, [['name', name]])).toEqual([]);
    const created = await post<Row>(agent, path, identity(), 201);
    expect([created.name, hexUuid(String(created.offering))]).toEqual([name, offering]);
    expect(ids(await get<Row[]>(agent, path, [['name', name]]))).toEqual([hexUuid(created.uuid)]);
    const id = hexUuid(created.uuid);
    const updated = await agent.expect<Row>('PUT', `${path}${id}/`, 200, { body: identity() });
    expect(hexUuid(updated.uuid)).toBe(id);
    const service = { name: 'order_process', mode: 'order_process' };
    const first = await post<Row>(agent, `${path}${id}/register_service/`, service, [200, 201]);
    expect(first).toMatchObject(service);
    const again = await post<Row>(agent, `${path}${id}/register_service/`, service, [200, 201]);
    expect(hexUuid(again.uuid)).toBe(hexUuid(first.uuid));
  });

  it('R5–R7: the processor reads the user, offering and provider, registers, reports statistics', async () => {
    expect(await get(agent, '/api/users/me/')).toMatchObject({ username: m.offeringManager.username });
    const details = await get<{ customer_uuid: string; components: { type: string }[] }>(
      agent,
      `/api/marketplace-provider-offerings/${offering}/`,
      fields('components', 'customer_uuid', 'partitions', 'plugin_options'),
    );
    expect(details.components.map((c) => c.type)).toContain('cpu');
    expect(hexUuid(details.customer_uuid)).toBe(hexUuid(m.provider.uuid));
    const query: [string, string][] = [['customer_uuid', hexUuid(details.customer_uuid)], ...fields('uuid')];
    const providers = await get<Row[]>(agent, '/api/marketplace-service-providers/', query);
    expect(providers).toHaveLength(1);
    serviceProvider = hexUuid(providers[0]?.uuid ?? '');
    const identities = await get<Row[]>(agent, '/api/marketplace-site-agent-identities/', [
      ['name', `agent-${offering}`],
    ]);
    const id = hexUuid(identities[0]?.uuid ?? '');
    const service = await post<Row>(
      agent,
      `/api/marketplace-site-agent-identities/${id}/register_service/`,
      { name: 'order_process', mode: 'order_process' },
      [200, 201],
    );
    const svc = `/api/marketplace-site-agent-services/${hexUuid(service.uuid)}/`;
    const processor = {
      name: 'OfferingOrderProcessor',
      backend_type: 'waldur_site_agent_slurm.backend.SlurmBackend',
    };
    const registered = await post(
      agent,
      `${svc}register_processor/`,
      { ...processor, backend_version: '23.11' },
      [200, 201],
    );
    expect(registered).toMatchObject(processor);
    await post(agent, `${svc}set_statistics/`, { statistics: { orders_processed: 1 } });
  });

  it('O1–O3: lists pending and executing orders of its offering and approves one', async () => {
    const orders = await get<Row[]>(agent, '/api/marketplace-orders/', [
      ['offering_uuid', offering],
      ['state', 'pending-provider'],
      ['state', 'executing'],
      PAGE,
    ]);
    expect(ids(orders).sort()).toEqual([hexUuid(done.uuid), hexUuid(failing.uuid)].sort());
    const path = `/api/marketplace-orders/${hexUuid(done.uuid)}/`;
    await post(agent, `${path}approve_by_provider/`, {});
    expect(await get(agent, path)).toMatchObject({ state: 'executing' });
  });

  it('O2 (decision REJECT): rejects an order its backend refuses', async () => {
    const refused = await createOrder(s, m, m.owner);
    const path = `/api/marketplace-orders/${hexUuid(refused.uuid)}/`;
    await post(agent, `${path}reject_by_provider/`, {});
    expect(await get(agent, path)).toMatchObject({ state: 'rejected' });
  });

  it('O4–O5: reads the resource, its team and the offering users', async () => {
    const r = await get<Row>(agent, `${RESOURCES}${resource}/`);
    expect(r).toMatchObject({ backend_id: '', name: done.resource_name });
    for (const key of ['slug', 'project_slug', 'offering_plugin_options', 'plan_uuid', 'limits']) {
      expect(r).toHaveProperty(key);
    }
    const team = await get<{ username: string }[]>(agent, `${RESOURCES}${resource}/team/`);
    expect(team.map((u) => u.username)).toContain(m.projectAdmin.username);
    expect(ids(await get<Row[]>(agent, OFFERING_USERS, offeringUsersQuery()))).toContain(
      hexUuid(offeringUser.uuid),
    );
  });

  it('O5 (tolerated: the agent logs a failure and goes on): plan, provider keys, user attribute config', async () => {
    await get(agent, `/api/marketplace-plans/${dashedUuid(m.offering.plan.uuid)}/`);
    await get(agent, `/api/marketplace-service-providers/${serviceProvider}/keys/`);
    const config = await get<{ exposed_fields: string[] }>(
      agent,
      `/api/marketplace-provider-offerings/${offering}/user-attribute-config/`,
    );
    expect(Array.isArray(config.exposed_fields)).toBe(true);
  });

  it('O6–O8: sets the backend id and limits, then completes the order', async () => {
    const path = `${RESOURCES}${resource}/`;
    await post(agent, `${path}set_backend_id/`, { backend_id: 'hpc_alloc_1' });
    await post(agent, `${path}set_limits/`, { limits: { cpu: 4 } });
    const order = `/api/marketplace-orders/${hexUuid(done.uuid)}/`;
    expect(await get(agent, order, fields('uuid', 'state'))).toMatchObject({ state: 'executing' });
    await post(agent, `${order}set_state_done/`);
    const after = { state: 'OK', backend_id: 'hpc_alloc_1', limits: { cpu: 4 } };
    expect(await get(agent, path)).toMatchObject(after);
    expect(await get(agent, order)).toMatchObject({ state: 'done' });
    await get(agent, `${path}team/`);
  });

  it('O9–O10: records a target order id, then reports a failure with its message', async () => {
    const order = `/api/marketplace-orders/${hexUuid(failing.uuid)}/`;
    await post(agent, `${order}approve_by_provider/`, {});
    await post(agent, `${order}set_backend_id/`, { backend_id: 'target-order-7' });
    await post(agent, `/api/marketplace-orders/${dashedUuid(failing.uuid)}/set_state_erred/`, {
      error_message: 'sacctmgr: account exists',
      error_traceback: 'Traceback (most recent call last): …',
    });
    expect(await get(agent, order)).toMatchObject({
      state: 'erred',
      backend_id: 'target-order-7',
      error_message: 'sacctmgr: account exists',
    });
  });

  it('P1–P4, P6: reports the month’s total usage', async () => {
    await get(agent, `/api/marketplace-provider-offerings/${offering}/`, fields('components'));
    const listed = await get<Row[]>(agent, RESOURCES, [
      ...REPORT_FIELDS,
      ['offering_uuid', offering],
      ...OK_OR_ERRED,
      PAGE,
    ]);
    expect(listed.map((r) => [hexUuid(r.uuid), r.backend_id])).toEqual([[resource, 'hpc_alloc_1']]);
    await get(agent, `${RESOURCES}${resource}/`, fields('uuid', 'name', 'backend_id'));
    expect(await get(agent, USAGES, usagesQuery())).toEqual([]);
    const usage = { usages: [{ type: 'cpu', amount: '12.50' }], resource, date: reportDate() };
    await post(agent, `${USAGES}set_usage/`, usage, 201);
    const usages = await get<{ type: string; usage: string }[]>(agent, USAGES, usagesQuery());
    expect(usages.map((u) => [u.type, Number(u.usage)])).toEqual([['cpu', 12.5]]);
  });

  it('P5, P7: reads and reports per-user usage of the month', async () => {
    const userUsages: [string, string][] = [
      ['component_usage_billing_period', billingPeriod()],
      ...fields('component_usage'),
      ['resource_uuid', resource],
      PAGE,
    ];
    expect(await get(agent, USER_USAGES, userUsages)).toEqual([]);
    const usage = (await get<Row[]>(agent, USAGES, usagesQuery()))[0]?.uuid ?? '';
    const item = { username: 'padmin', usage: '5.00', date: reportDate(), user: offeringUser.url };
    await post(agent, `${USAGES}${dashedUuid(usage)}/set_user_usages/`, { usages: [item] }, 201);
    const perUser = await get<{ component_usage: string }[]>(agent, USER_USAGES, userUsages);
    const parents = perUser.map((u) => hexUuid(u.component_usage.replace(/\/$/, '').split('/').pop() ?? ''));
    expect(parents).toEqual([hexUuid(usage)]);
  });

  it('M1–M3: lists resources and offering users, and creates the requested account', async () => {
    const listed = await get<Row[]>(agent, RESOURCES, [
      ...MEMBERSHIP_FIELDS,
      ['offering_uuid', offering],
      ...OK_OR_ERRED,
      PAGE,
    ]);
    expect(listed).toHaveLength(1);
    for (const key of ['restrict_member_access', 'paused', 'downscaled', 'project_name', 'customer_uuid']) {
      expect(listed[0]).toHaveProperty(key);
    }
    const options = await get<Row>(
      agent,
      `/api/marketplace-provider-offerings/${offering}/`,
      fields('plugin_options'),
    );
    expect(options.plugin_options).toMatchObject({ username_generation_policy: 'service_provider' });
    const mine = async () =>
      (await get<OfferingUser[]>(agent, OFFERING_USERS, offeringUsersQuery()))
        .filter((u) => hexUuid(u.uuid) === hexUuid(offeringUser.uuid))
        .map((u) => [u.username ?? '', u.state]);
    expect(await mine()).toEqual([['', 'Requested']]);
    const ou = `${OFFERING_USERS}${dashedUuid(offeringUser.uuid)}/`;
    await post(agent, `${ou}begin_creating/`);
    await agent.expect('PATCH', ou, 200, { body: { username: 'padmin' } });
    expect(await mine()).toEqual([['padmin', 'OK']]);
  });

  it('M4, M6, M7: reads the team, pushes metadata and limits, refreshes last sync, follows health', async () => {
    const path = `${RESOURCES}${resource}/`;
    const team = await get<{ username: string }[]>(agent, `${path}team/`);
    expect(team.map((u) => u.username)).toContain(m.projectAdmin.username);
    await post(agent, `${path}set_backend_metadata/`, { backend_metadata: { qos: 'normal' } });
    await post(agent, `${path}set_limits/`, { limits: { cpu: 8 } });
    await post(agent, `${path}refresh_last_sync/`);
    expect(await get(agent, path)).toMatchObject({
      backend_metadata: { qos: 'normal' },
      limits: { cpu: 8 },
      last_sync: expect.any(String),
    });
    await post(agent, `${path}set_as_erred/`, { error_message: 'slurmdbd unreachable', error_traceback: '' });
    expect(await get(agent, path)).toMatchObject({ state: 'Erred', error_message: 'slurmdbd unreachable' });
    await post(agent, `${path}refresh_last_sync/`);
    await post(agent, `${path}set_as_ok/`);
    expect(await get(agent, path)).toMatchObject({ state: 'OK' });
  });

  it('M5 (best effort, enable_membership_sync_status): reports per-member sync statuses', async () => {
    const status = {
      scope_type: 'resource',
      role_name: 'PROJECT.ADMIN',
      state: 'synced',
      username: 'padmin',
      user_uuid: dashedUuid(m.projectAdmin.uuid),
      message: '',
    };
    const path = `${RESOURCES}${dashedUuid(resource)}/set_membership_sync_statuses/`;
    expect(await post(agent, path, { statuses: [status] })).toMatchObject({ stored: 1, skipped: [] });
  });

  it('a token without the offering role sees none of it', async () => {
    const outsider = new AgentReplay(s.url, (await makeUser(s.tdb.db)).token, agent.userAgent);
    expect(await get(outsider, '/api/marketplace-orders/', [['offering_uuid', offering]])).toEqual([]);
    await outsider.expect('GET', `${RESOURCES}${resource}/`, 404);
    await outsider.expect('POST', `${RESOURCES}${resource}/set_backend_id/`, [403, 404], {
      body: { backend_id: 'x' },
    });
  });
});
