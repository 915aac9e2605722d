import { randomBytes } from 'node:crypto';
import { makeUser } from './factories.js';
import { hexOf } from './resource-factories.js';
import type { Case, CaseContext, CaseRequest } from './waldur-cases.js';

const IDS = '/api/marketplace-site-agent-identities';
const SVCS = '/api/marketplace-site-agent-services';
const PROCS = '/api/marketplace-site-agent-processors';
const LOGS = '/api/marketplace-site-agent-logs';
const OU = '/api/marketplace-offering-users';
const STATUSES = '/api/marketplace-integration-statuses';

/** What the site agent sends as its user agent (Orderly records integration status from it). */
const AGENT = { 'user-agent': 'waldur-site-agent-order_process/0.7.0' };

/** A request as the provider owner, sent with the agent's user agent. */
const asAgent = (c: CaseContext, url: string, body?: unknown): CaseRequest => ({
  url,
  token: c.m.providerOwner.token,
  body,
  headers: AGENT,
});

/** The agent polling its offering's orders, which records its integration status. */
async function agentPoll(c: CaseContext): Promise<void> {
  const url = `/api/marketplace-orders/?offering_uuid=${c.m.offering.uuid}&state=pending-provider`;
  await c.s.request('GET', url, { token: c.m.offeringManager.token, headers: AGENT });
}

/** A newly registered agent identity of the offering; its uuid. */
async function identity(c: CaseContext): Promise<string> {
  const id = await c.ok<{ uuid: string }>('POST', `${IDS}/`, c.m.providerOwner.token, {
    offering: c.m.offering.uuid,
    name: `agent-${randomBytes(4).toString('hex')}`,
    version: '0.7.0',
    dependencies: [{ package: 'waldur-api-client', version: '8.1.2' }],
    last_restarted: '2026-12-01T10:00:00.123456+00:00',
  });
  return id.uuid;
}

/** A service of a new identity; its uuid. */
async function service(c: CaseContext): Promise<string> {
  const svc = await c.ok<{ uuid: string }>(
    'POST',
    `${IDS}/${await identity(c)}/register_service/`,
    c.m.providerOwner.token,
    { name: 'order_process', mode: 'order_process' },
  );
  return svc.uuid;
}

/** A processor of a new service; its uuid. */
async function processor(c: CaseContext): Promise<string> {
  const p = await c.ok<{ uuid: string }>(
    'POST',
    `${SVCS}/${await service(c)}/register_processor/`,
    c.m.providerOwner.token,
    { name: 'OfferingOrderProcessor', backend_type: 'slurm', backend_version: '23.11' },
  );
  return p.uuid;
}

/** A new offering user of the offering for a new person, moved through `actions` first; its uuid. */
async function offeringUser(c: CaseContext, ...actions: string[]): Promise<string> {
  const person = await makeUser(c.s.tdb.db);
  const ou = await c.ok<{ uuid: string }>('POST', `${OU}/`, c.m.providerOwner.token, {
    user: c.link('users', person.uuid),
    offering: c.link('marketplace-provider-offerings', c.m.offering.uuid),
  });
  for (const a of actions) await c.ok('POST', `${OU}/${ou.uuid}/${a}/`, c.m.providerOwner.token, {});
  return ou.uuid;
}

/** An offering user action from the states `before` lead to. */
const ouAction = (action: string, ...before: string[]): Case => [
  'POST',
  `${OU}/{uuid}/${action}/`,
  async (c) => asAgent(c, `${OU}/${await offeringUser(c, ...before)}/${action}/`, {}),
];

/** Site agent registry, offering users and the agent's other calls (test/http/waldur-schema.agent.test.ts). */
export const AGENT_CASES: Case[] = [
  [
    'GET',
    `${IDS}/`,
    async (c) => {
      await identity(c);
      return asAgent(c, `${IDS}/`);
    },
  ],
  [
    'POST',
    `${IDS}/`,
    async (c) => asAgent(c, `${IDS}/`, { offering: c.m.offering.uuid, name: 'agent-new', version: '0.7.0' }),
  ],
  ['GET', `${IDS}/{uuid}/`, async (c) => asAgent(c, `${IDS}/${await identity(c)}/`)],
  [
    'PUT',
    `${IDS}/{uuid}/`,
    async (c) =>
      asAgent(c, `${IDS}/${await identity(c)}/`, {
        offering: c.m.offering.uuid,
        name: `agent-put-${randomBytes(3).toString('hex')}`,
        version: '0.8.0',
      }),
  ],
  ['DELETE', `${IDS}/{uuid}/`, async (c) => asAgent(c, `${IDS}/${await identity(c)}/`)],
  [
    'POST',
    `${IDS}/{uuid}/register_service/`,
    async (c) =>
      asAgent(c, `${IDS}/${await identity(c)}/register_service/`, { name: 'report', mode: 'report' }),
  ],
  [
    'GET',
    `${SVCS}/`,
    async (c) => {
      await service(c);
      return asAgent(c, `${SVCS}/`);
    },
  ],
  ['GET', `${SVCS}/{uuid}/`, async (c) => asAgent(c, `${SVCS}/${await service(c)}/`)],
  ['DELETE', `${SVCS}/{uuid}/`, async (c) => asAgent(c, `${SVCS}/${await service(c)}/`)],
  [
    'POST',
    `${SVCS}/{uuid}/register_processor/`,
    async (c) =>
      asAgent(c, `${SVCS}/${await service(c)}/register_processor/`, { name: 'P', backend_type: 'slurm' }),
  ],
  [
    'POST',
    `${SVCS}/{uuid}/set_statistics/`,
    async (c) =>
      asAgent(c, `${SVCS}/${await service(c)}/set_statistics/`, { statistics: { processed_orders: 3 } }),
  ],
  [
    'GET',
    `${PROCS}/`,
    async (c) => {
      await processor(c);
      return asAgent(c, `${PROCS}/`);
    },
  ],
  ['GET', `${PROCS}/{uuid}/`, async (c) => asAgent(c, `${PROCS}/${await processor(c)}/`)],
  ['DELETE', `${PROCS}/{uuid}/`, async (c) => asAgent(c, `${PROCS}/${await processor(c)}/`)],
  [
    'POST',
    `${LOGS}/`,
    async (c) =>
      asAgent(c, `${LOGS}/`, [
        {
          agent_identity_uuid: await identity(c),
          timestamp: 1_700_000_000.5,
          level: 'INFO',
          message: 'started',
          module: 'main',
        },
      ]),
  ],
  [
    'GET',
    `${LOGS}/`,
    async (c) => {
      const id = await identity(c);
      await c.ok('POST', `${LOGS}/`, c.m.providerOwner.token, [
        {
          agent_identity_uuid: id,
          timestamp: 1_700_000_000,
          level: 'ERROR',
          message: 'sacctmgr failed',
          module: 'main',
        },
      ]);
      return asAgent(c, `${LOGS}/?agent_identity_uuid=${id}`);
    },
  ],
  [
    'GET',
    '/api/marketplace-site-agent-stats/',
    async (c) => ({
      url: '/api/marketplace-site-agent-stats/',
      token: c.m.staff.token,
    }),
  ],
  [
    'GET',
    '/api/marketplace-site-agent-task-stats/',
    async (c) => ({
      url: '/api/marketplace-site-agent-task-stats/',
      token: c.m.staff.token,
    }),
  ],
  [
    'GET',
    '/api/marketplace-site-agent-connection-stats/',
    async (c) => ({
      url: '/api/marketplace-site-agent-connection-stats/',
      token: c.m.staff.token,
    }),
  ],
  [
    'GET',
    `${STATUSES}/`,
    async (c) => {
      await agentPoll(c);
      return asAgent(c, `${STATUSES}/?offering_uuid=${c.m.offering.uuid}`);
    },
  ],
  [
    'GET',
    `${STATUSES}/{uuid}/`,
    async (c) => {
      await agentPoll(c);
      const [first] = await c.ok<{ uuid: string }[]>('GET', `${STATUSES}/`, c.m.providerOwner.token);
      return asAgent(c, `${STATUSES}/${first?.uuid}/`);
    },
  ],
  ['GET', '/api/configuration/', async (c) => ({ url: '/api/configuration/', token: c.m.owner.token })],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/check_unique_backend_id/',
    async (c) =>
      asAgent(c, `/api/marketplace-provider-offerings/${hexOf(c.m.offering.uuid)}/check_unique_backend_id/`, {
        backend_id: 'hpc_new',
      }),
  ],
  ['GET', `${OU}/`, async (c) => asAgent(c, `${OU}/?offering_uuid=${c.m.offering.uuid}`)],
  [
    'POST',
    `${OU}/`,
    async (c) =>
      asAgent(c, `${OU}/`, {
        user: c.link('users', (await makeUser(c.s.tdb.db)).uuid),
        offering: c.link('marketplace-provider-offerings', c.m.offering.uuid),
      }),
  ],
  ['GET', `${OU}/{uuid}/`, async (c) => asAgent(c, `${OU}/${await offeringUser(c)}/`)],
  [
    'PATCH',
    `${OU}/{uuid}/`,
    async (c) =>
      asAgent(c, `${OU}/${await offeringUser(c, 'begin_creating')}/`, {
        username: `u${randomBytes(3).toString('hex')}`,
      }),
  ],
  [
    'PUT',
    `${OU}/{uuid}/`,
    async (c) =>
      asAgent(c, `${OU}/${await offeringUser(c)}/`, { username: `u${randomBytes(3).toString('hex')}` }),
  ],
  ['DELETE', `${OU}/{uuid}/`, async (c) => asAgent(c, `${OU}/${await offeringUser(c)}/`)],
  [
    'POST',
    `${OU}/{uuid}/update_restricted/`,
    async (c) => ({
      url: `${OU}/${await offeringUser(c)}/update_restricted/`,
      token: c.m.offeringManager.token,
      body: { is_restricted: true },
    }),
  ],
  ouAction('begin_creating'),
  ouAction('set_pending_account_linking', 'begin_creating'),
  ouAction('set_pending_additional_validation', 'begin_creating'),
  ouAction('set_validation_complete', 'set_pending_account_linking'),
  ouAction('set_error_creating', 'begin_creating'),
  ouAction('set_ok', 'begin_creating'),
  ouAction('request_deletion', 'set_ok'),
  ouAction('set_deleting', 'set_ok', 'request_deletion'),
  ouAction('set_error_deleting', 'set_ok', 'request_deletion'),
  ouAction('set_deleted', 'set_ok', 'request_deletion', 'set_deleting'),
];

/**
 * Operations of the fixture no case runs, each with why: Orderly answers them with Waldur's own
 * failure (there is no success body to check).
 */
export const NOT_EXERCISED: Record<string, string> = {
  [`POST ${IDS}/{uuid}/register_event_subscription/`]: 'no event broker: Waldur’s broker-failure 400',
  [`POST ${IDS}/{uuid}/register_queue/`]: 'no event broker: Waldur’s broker-failure 400',
};
