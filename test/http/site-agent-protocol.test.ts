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
 *   R5 processor constructor: GET /api/users/me/                                  utils.py:934 (processors.py:316)
 *      GET /api/marketplace-provider-offerings/<uuid>/?field=components&field=customer_uuid&field=partitions
 *          &field=plugin_options                                                  processors.py:323
 *      GET /api/marketplace-service-providers/?customer_uuid=<hex>&field=uuid     processors.py:337
 *   R6 POST /api/marketplace-site-agent-services/<hex>/register_processor/ {name,backend_type,backend_version}
 *           → 200|201                                                             agent_identity_management.py:245
 *   R7 POST /api/marketplace-site-agent-services/<hex>/set_statistics/ {statistics} → 200 (client API; the
 *           agent at this commit does not call it)
 * Order loop (OfferingOrderProcessor, processors.py:854-1150), User-Agent waldur-site-agent-order_process/<v>:
 *   O1 GET  /api/marketplace-orders/?offering_uuid=<uuid>&state=pending-provider&state=executing&page_size=100 :875
 *   O2 POST /api/marketplace-orders/<hex>/approve_by_provider/ {} → 200            :989
 *   O3 GET  /api/marketplace-orders/<hex>/ (refresh)                               :999
 *   O4 GET  /api/marketplace-provider-resources/<hex>/                             :1506
 *   O5 GET  /api/marketplace-provider-resources/<hex>/team/                        :1304
 *      GET  /api/marketplace-provider-offerings/<uuid>/user-attribute-config/ (tolerated)   :427
 *      GET  /api/marketplace-offering-users/?field=…&is_restricted=false&offering_uuid=<uuid>&page_size=100 :510
 *      GET  /api/marketplace-plans/<dashed>/ (tolerated)                          :1685
 *      GET  /api/marketplace-service-providers/<hex>/keys/ (tolerated)            :839
 *   O6 POST /api/marketplace-provider-resources/<hex>/set_backend_id/ {backend_id} → 200   :1190
 *      POST /api/marketplace-provider-resources/<hex>/set_limits/ {limits} → 200          :1198
 *   O7 GET  /api/marketplace-orders/<hex>/?field=uuid&field=state                 :1049
 *      POST /api/marketplace-orders/<hex>/set_state_done/ → 200                   :1063
 *   O8 post-process: O4, O5 again                                                  :1749
 *   O9 async backends: POST /api/marketplace-orders/<hex>/set_backend_id/ {backend_id} → 200   :1465
 *   O10 failure: POST /api/marketplace-orders/<dashed>/set_state_erred/ {error_message,error_traceback} → 200 :1135
 * Report loop (OfferingReportProcessor, processors.py:3079-3470):
 *   P1 GET /api/marketplace-provider-offerings/<uuid>/?field=components           :3091
 *   P2 GET /api/marketplace-provider-resources/?field=…&offering_uuid=<uuid>&state=OK&state=Erred&page_size=100 :3096
 *   P3 GET /api/marketplace-provider-resources/<hex>/?field=uuid&field=name&field=backend_id   :3492
 *   P4 GET /api/marketplace-component-usages/?billing_period=<YYYY-MM-01>&field=uuid&field=type&field=usage
 *          &resource_uuid=<hex>&page_size=100                                      :3277
 *   P5 GET /api/marketplace-component-user-usages/?component_usage_billing_period=<YYYY-MM-01>
 *          &field=component_usage&resource_uuid=<hex>&page_size=100 (supports_decreasing_usage false) :3318
 *   P6 POST /api/marketplace-component-usages/set_usage/ {usages:[{type,amount:'12.50'}],resource:<hex>,date} → 201 :3361
 *   P7 P4 again, then POST /api/marketplace-component-usages/<dashed>/set_user_usages/
 *          {usages:[{username,usage:'5.00',date,user:<offering user url>}]} → 201  :3632, :3464
 * Membership sync (OfferingMembershipProcessor, processors.py:1909-2927; utils.py:1228-1470):
 *   M1 GET /api/marketplace-provider-resources/?field=…(23 fields)&offering_uuid=<uuid>&state=OK&state=Erred&page_size=100 :1848
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
  hexUuid,
  MEMBERSHIP_FIELDS,
  OFFERING_USER_FIELDS,
  REPORT_FIELDS,
  reportDate,
} from '../support/agent-replay.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, type OrderView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

const VERSION = '0.9.4';
const DEPENDENCIES = [{ package: 'waldur-api-client', version: '8.1.2' }];
let s: TestServer;
let m: Marketplace;
let offering: string;
let agent: AgentReplay;
let done: OrderView;
let failing: OrderView;
let resource: string;
let offeringUser: OfferingUser;

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
const USAGES = '/api/marketplace-component-usages/';
const USER_USAGES = '/api/marketplace-component-user-usages/';
const OFFERING_USERS = '/api/marketplace-offering-users/';
const PAGE: [string, string] = ['page_size', '100'];
const OK_OR_ERRED: [string, string][] = [
  ['state', 'OK'],
  ['state', 'Erred'],
];
type OfferingUser = { uuid: string; url: string; username: string | null; state: string };
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
    const r = await s.request<typeof offeringUser>('POST', '/api/marketplace-offering-users/', {
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
    const identityBody = () => ({
      offering: dashedUuid(offering),
      name,
      version: VERSION,
      last_restarted: new Date().toISOString().replace('Z', '+00:00'),
      dependencies: DEPENDENCIES,
      config_file_path: '',
      config_file_content: '',
    });
    const path = '/api/marketplace-site-agent-identities/';
    expect(await agent.expect('GET', path, 200, { query: [['name', name]] })).toEqual([]);
    const created = await agent.expect<{ uuid: string; name: string; offering: string }>('POST', path, 201, {
      body: identityBody(),
    });
    expect({ name: created.name, offering: hexUuid(created.offering) }).toEqual({ name, offering });
    const listed = await agent.expect<{ uuid: string }[]>('GET', path, 200, { query: [['name', name]] });
    expect(ids(listed)).toEqual([hexUuid(created.uuid)]);
    const identity = hexUuid(created.uuid);
    const updated = await agent.expect<{ uuid: string; version: string }>('PUT', `${path}${identity}/`, 200, {
      body: identityBody(),
    });
    expect(hexUuid(updated.uuid)).toBe(identity);
    const service = { name: 'order_process', mode: 'order_process' };
    const first = await agent.expect<{ uuid: string; name: string; mode: string }>(
      'POST',
      `${path}${identity}/register_service/`,
      [200, 201],
      { body: service },
    );
    expect(first).toMatchObject(service);
    const again = await agent.expect<{ uuid: string }>(
      'POST',
      `${path}${identity}/register_service/`,
      [200, 201],
      {
        body: service,
      },
    );
    expect(hexUuid(again.uuid)).toBe(hexUuid(first.uuid));

    // R5: the processor's constructor.
    const me = await agent.expect<{ username: string }>('GET', '/api/users/me/', 200);
    expect(me.username).toBe(m.offeringManager.username);
    const details = await agent.expect<{ customer_uuid: string; components: { type: string }[] }>(
      'GET',
      `/api/marketplace-provider-offerings/${offering}/`,
      200,
      { query: ['components', 'customer_uuid', 'partitions', 'plugin_options'].map((f) => ['field', f]) },
    );
    expect(details.components.map((c) => c.type)).toContain('cpu');
    expect(hexUuid(details.customer_uuid)).toBe(hexUuid(m.provider.uuid));
    const providers = await agent.expect<{ uuid: string }[]>(
      'GET',
      '/api/marketplace-service-providers/',
      200,
      {
        query: [
          ['customer_uuid', hexUuid(details.customer_uuid)],
          ['field', 'uuid'],
        ],
      },
    );
    expect(providers).toHaveLength(1);

    // R6, R7: the processor and the service statistics.
    const processor = {
      name: 'OfferingOrderProcessor',
      backend_type: 'waldur_site_agent_slurm.backend.SlurmBackend',
    };
    const svc = `/api/marketplace-site-agent-services/${hexUuid(first.uuid)}/`;
    const registered = await agent.expect('POST', `${svc}register_processor/`, [200, 201], {
      body: { ...processor, backend_version: '23.11.4' },
    });
    expect(registered).toMatchObject(processor);
    await agent.expect('POST', `${svc}set_statistics/`, 200, {
      body: { statistics: { orders_processed: 1 } },
    });
  });

  it('O1–O3: lists pending and executing orders of its offering and approves one', async () => {
    const orders = await agent.expect<{ uuid: string; offering_uuid: string; state: string }[]>(
      'GET',
      '/api/marketplace-orders/',
      200,
      {
        query: [
          ['offering_uuid', offering],
          ['state', 'pending-provider'],
          ['state', 'executing'],
          ['page_size', '100'],
        ],
      },
    );
    expect(ids(orders).sort()).toEqual([hexUuid(done.uuid), hexUuid(failing.uuid)].sort());
    const path = `/api/marketplace-orders/${hexUuid(done.uuid)}/`;
    await agent.expect('POST', `${path}approve_by_provider/`, 200, { body: {} });
    expect(await agent.expect<{ state: string }>('GET', path, 200)).toMatchObject({ state: 'executing' });
  });

  it('O4–O5: reads the resource, its team and the offering users', async () => {
    const r = await agent.expect<Record<string, unknown>>(
      'GET',
      `/api/marketplace-provider-resources/${resource}/`,
      200,
    );
    expect(r).toMatchObject({ backend_id: '', name: done.resource_name });
    for (const key of ['slug', 'project_slug', 'offering_plugin_options', 'plan_uuid', 'limits'])
      expect(r).toHaveProperty(key);
    const team = await agent.expect<{ uuid: string; username: string; role: string }[]>(
      'GET',
      `/api/marketplace-provider-resources/${resource}/team/`,
      200,
    );
    expect(team.map((u) => u.username)).toContain(m.projectAdmin.username);
    const users = await agent.expect<{ uuid: string; user_uuid: string; state: string }[]>(
      'GET',
      '/api/marketplace-offering-users/',
      200,
      {
        query: [
          ...OFFERING_USER_FIELDS,
          ['is_restricted', 'false'],
          ['offering_uuid', offering],
          ['page_size', '100'],
        ],
      },
    );
    expect(ids(users)).toContain(hexUuid(offeringUser.uuid));
  });

  it('O5 (tolerated: the agent logs a failure and goes on): user attribute config, plan, provider keys', async () => {
    const config = await agent.expect<{ exposed_fields: string[] }>(
      'GET',
      `/api/marketplace-provider-offerings/${offering}/user-attribute-config/`,
      200,
    );
    expect(Array.isArray(config.exposed_fields)).toBe(true);
    await agent.expect('GET', `/api/marketplace-plans/${dashedUuid(m.offering.plan.uuid)}/`, 200);
    await agent.expect('GET', `/api/marketplace-service-providers/${hexUuid(m.provider.uuid)}/keys/`, 200);
  });

  it('O6–O8: sets the backend id and limits, then completes the order', async () => {
    const path = `/api/marketplace-provider-resources/${resource}/`;
    await agent.expect('POST', `${path}set_backend_id/`, 200, { body: { backend_id: 'hpc_alloc_1' } });
    await agent.expect('POST', `${path}set_limits/`, 200, { body: { limits: { cpu: 4 } } });
    const order = `/api/marketplace-orders/${hexUuid(done.uuid)}/`;
    const fresh = await agent.expect<Record<string, unknown>>('GET', order, 200, {
      query: [
        ['field', 'uuid'],
        ['field', 'state'],
      ],
    });
    expect(fresh).toMatchObject({ state: 'executing' });
    await agent.expect('POST', `${order}set_state_done/`, 200);
    expect(await agent.expect('GET', path, 200)).toMatchObject({
      state: 'OK',
      backend_id: 'hpc_alloc_1',
      limits: { cpu: 4 },
    });
    expect(await agent.expect('GET', order, 200)).toMatchObject({ state: 'done' });
    await agent.expect('GET', `${path}team/`, 200);
  });

  it('O9–O10: records a target order id, then reports a failure with its message', async () => {
    const order = `/api/marketplace-orders/${hexUuid(failing.uuid)}/`;
    await agent.expect('POST', `${order}approve_by_provider/`, 200, { body: {} });
    await agent.expect('POST', `${order}set_backend_id/`, 200, { body: { backend_id: 'target-order-7' } });
    await agent.expect('POST', `/api/marketplace-orders/${dashedUuid(failing.uuid)}/set_state_erred/`, 200, {
      body: {
        error_message: 'sacctmgr: account exists',
        error_traceback: 'Traceback (most recent call last): …',
      },
    });
    expect(await agent.expect('GET', order, 200)).toMatchObject({
      state: 'erred',
      backend_id: 'target-order-7',
      error_message: 'sacctmgr: account exists',
    });
  });

  it('P1–P4, P6: reports the month’s total usage', async () => {
    await agent.expect('GET', `/api/marketplace-provider-offerings/${offering}/`, 200, {
      query: fields('components'),
    });
    const listed = await agent.expect<{ uuid: string; backend_id: string }[]>(
      'GET',
      '/api/marketplace-provider-resources/',
      200,
      { query: [...REPORT_FIELDS, ['offering_uuid', offering], ...OK_OR_ERRED, PAGE] },
    );
    expect(listed.map((r) => [hexUuid(r.uuid), r.backend_id])).toEqual([[resource, 'hpc_alloc_1']]);
    await agent.expect('GET', `/api/marketplace-provider-resources/${resource}/`, 200, {
      query: fields('uuid', 'name', 'backend_id'),
    });
    expect(await agent.expect('GET', USAGES, 200, { query: usagesQuery() })).toEqual([]);
    await agent.expect('POST', `${USAGES}set_usage/`, 201, {
      body: { usages: [{ type: 'cpu', amount: '12.50' }], resource, date: reportDate() },
    });
    const usages = await agent.expect<{ type: string; usage: string }[]>('GET', USAGES, 200, {
      query: usagesQuery(),
    });
    expect(usages.map((u) => [u.type, Number(u.usage)])).toEqual([['cpu', 12.5]]);
  });

  it('P5, P7: reads and reports per-user usage of the month', async () => {
    const userUsages: [string, string][] = [
      ['component_usage_billing_period', billingPeriod()],
      ...fields('component_usage'),
      ['resource_uuid', resource],
      PAGE,
    ];
    expect(await agent.expect('GET', USER_USAGES, 200, { query: userUsages })).toEqual([]);
    const usages = await agent.expect<{ uuid: string }[]>('GET', USAGES, 200, { query: usagesQuery() });
    const usage = usages[0]?.uuid ?? '';
    await agent.expect('POST', `${USAGES}${dashedUuid(usage)}/set_user_usages/`, 201, {
      body: { usages: [{ username: 'padmin', usage: '5.00', date: reportDate(), user: offeringUser.url }] },
    });
    const perUser = await agent.expect<{ component_usage: string }[]>('GET', USER_USAGES, 200, {
      query: userUsages,
    });
    const parent = perUser.map((u) => hexUuid(u.component_usage.replace(/\/$/, '').split('/').pop() ?? ''));
    expect(parent).toEqual([hexUuid(usage)]);
  });

  it('M1–M3: lists resources and offering users, and creates the requested account', async () => {
    const listed = await agent.expect<Record<string, unknown>[]>(
      'GET',
      '/api/marketplace-provider-resources/',
      200,
      {
        query: [...MEMBERSHIP_FIELDS, ['offering_uuid', offering], ...OK_OR_ERRED, PAGE],
      },
    );
    expect(listed).toHaveLength(1);
    for (const key of ['restrict_member_access', 'paused', 'downscaled', 'project_name', 'customer_uuid']) {
      expect(listed[0]).toHaveProperty(key);
    }
    const options = await agent.expect<{ plugin_options: Record<string, unknown> }>(
      'GET',
      `/api/marketplace-provider-offerings/${offering}/`,
      200,
      { query: fields('plugin_options') },
    );
    expect(options.plugin_options).toMatchObject({ username_generation_policy: 'service_provider' });
    const mine = async () =>
      (await agent.expect<OfferingUser[]>('GET', OFFERING_USERS, 200, { query: offeringUsersQuery() }))
        .filter((u) => hexUuid(u.uuid) === hexUuid(offeringUser.uuid))
        .map((u) => [u.username ?? '', u.state]);
    expect(await mine()).toEqual([['', 'Requested']]);
    const ou = `${OFFERING_USERS}${dashedUuid(offeringUser.uuid)}/`;
    await agent.expect('POST', `${ou}begin_creating/`, 200);
    await agent.expect('PATCH', ou, 200, { body: { username: 'padmin' } });
    expect(await mine()).toEqual([['padmin', 'OK']]);
  });

  it('M4, M6, M7: reads the team, pushes metadata and limits, refreshes last sync, follows health', async () => {
    const path = `/api/marketplace-provider-resources/${resource}/`;
    const team = await agent.expect<{ username: string }[]>('GET', `${path}team/`, 200);
    expect(team.map((u) => u.username)).toContain(m.projectAdmin.username);
    await agent.expect('POST', `${path}set_backend_metadata/`, 200, {
      body: { backend_metadata: { qos: 'normal' } },
    });
    await agent.expect('POST', `${path}set_limits/`, 200, { body: { limits: { cpu: 8 } } });
    await agent.expect('POST', `${path}refresh_last_sync/`, 200);
    expect(await agent.expect('GET', path, 200)).toMatchObject({
      backend_metadata: { qos: 'normal' },
      limits: { cpu: 8 },
      last_sync: expect.any(String),
    });
    await agent.expect('POST', `${path}set_as_erred/`, 200, {
      body: { error_message: 'slurmdbd unreachable', error_traceback: '' },
    });
    expect(await agent.expect('GET', path, 200)).toMatchObject({
      state: 'Erred',
      error_message: 'slurmdbd unreachable',
    });
    await agent.expect('POST', `${path}refresh_last_sync/`, 200);
    await agent.expect('POST', `${path}set_as_ok/`, 200);
    expect(await agent.expect('GET', path, 200)).toMatchObject({ state: 'OK' });
  });

  it('M5 (best effort, enable_membership_sync_status): reports per-member sync statuses', async () => {
    const report = await agent.expect<{ stored: number; skipped: string[] }>(
      'POST',
      `/api/marketplace-provider-resources/${dashedUuid(resource)}/set_membership_sync_statuses/`,
      200,
      {
        body: {
          statuses: [
            {
              scope_type: 'resource',
              role_name: 'PROJECT.ADMIN',
              state: 'synced',
              username: 'padmin',
              user_uuid: dashedUuid(m.projectAdmin.uuid),
              message: '',
            },
          ],
        },
      },
    );
    expect(report).toMatchObject({ stored: 1, skipped: [] });
  });

  it('a token without the offering role sees none of it', async () => {
    const outsider: TestUser = await makeUser(s.tdb.db);
    const other = new AgentReplay(s.url, outsider.token, agent.userAgent);
    expect(
      await other.expect('GET', '/api/marketplace-orders/', 200, { query: [['offering_uuid', offering]] }),
    ).toEqual([]);
    await other.expect('GET', `/api/marketplace-provider-resources/${resource}/`, 404);
    await other.expect(
      'POST',
      `/api/marketplace-provider-resources/${resource}/set_backend_id/`,
      [403, 404],
      {
        body: { backend_id: 'x' },
      },
    );
  });
});
