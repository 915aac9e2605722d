import { makeMarketplace } from './order-factories.js';
import { makeResource } from './resource-factories.js';
import type { Case, CaseContext, CaseRequest } from './waldur-cases.js';

const CUU = '/api/marketplace-component-user-usages';
const LIM = '/api/component-user-usage-limits';

/** A Slurm offering whose project members have named accounts, a resource and a month's cpu usage. */
interface UsageSetup {
  token: string;
  resource: string;
  component: string;
  usage: string;
  accounts: { url: string; username: string }[];
}

const setups = new WeakMap<CaseContext, Promise<UsageSetup>>();

/** The {@link UsageSetup} of a context, made once. */
function usageSetup(c: CaseContext): Promise<UsageSetup> {
  let made = setups.get(c);
  if (!made) {
    made = makeUsageSetup(c);
    setups.set(c, made);
  }
  return made;
}

async function makeUsageSetup(c: CaseContext): Promise<UsageSetup> {
  const m = await makeMarketplace(c.s.tdb.db, 'Marketplace.Slurm', {
    service_provider_can_create_offering_user: true,
    username_generation_policy: 'waldur_username',
  });
  const r = await makeResource(c.s.tdb.db, m);
  const token = m.providerOwner.token;
  await c.ok('POST', '/api/marketplace-component-usages/set_usage/', token, {
    resource: r.uuid,
    usages: [{ type: 'cpu', amount: '10' }],
  });
  const [usage] = await c.ok<{ uuid: string }[]>(
    'GET',
    `/api/marketplace-component-usages/?resource_uuid=${r.uuid}`,
    token,
  );
  const accounts = await c.ok<{ url: string; username: string }[]>(
    'GET',
    `/api/marketplace-offering-users/?offering_uuid=${m.offering.uuid}`,
    token,
  );
  const component = await c.s.tdb.db
    .selectFrom('offering_components')
    .select('uuid')
    .where('offering_id', '=', m.offering.id)
    .executeTakeFirstOrThrow();
  return { token, resource: r.hex, component: component.uuid, usage: usage?.uuid ?? '', accounts };
}

/** A limit body for the setup's `n`-th account. */
const limitBody = (u: UsageSetup, c: CaseContext, n: number, limit: string) => ({
  resource: `${c.s.url}/api/marketplace-resources/${u.resource}/`,
  component: u.component,
  user: u.accounts[n]?.url,
  limit,
});

/** The user usage limit of the setup's second account (made once). */
async function limit(c: CaseContext): Promise<string> {
  const u = await usageSetup(c);
  const [found] = await c.ok<{ uuid: string }[]>('GET', `${LIM}/?resource_uuid=${u.resource}`, u.token);
  if (found) return found.uuid;
  return (await c.ok<{ uuid: string }>('POST', `${LIM}/`, u.token, limitBody(u, c, 1, '40'))).uuid;
}

/** A request as the setup's provider owner. */
const asProvider = async (
  c: CaseContext,
  url: (u: UsageSetup) => string | Promise<string>,
  body?: unknown,
) => {
  const u = await usageSetup(c);
  const req: CaseRequest = { url: await url(u), token: u.token, body };
  return req;
};

/** Per-user usages and their limits (run by test/http/waldur-schema.agent.test.ts). */
export const USAGE_CASES: Case[] = [
  [
    'POST',
    '/api/marketplace-component-usages/{uuid}/set_user_usages/',
    async (c) => {
      const u = await usageSetup(c);
      return asProvider(c, () => `/api/marketplace-component-usages/${u.usage}/set_user_usages/`, {
        usages: [{ username: u.accounts[0]?.username, usage: '4.50', user: u.accounts[0]?.url }],
      });
    },
  ],
  [
    'POST',
    '/api/marketplace-component-usages/{uuid}/set_user_usage/',
    async (c) => {
      const u = await usageSetup(c);
      return asProvider(c, () => `/api/marketplace-component-usages/${u.usage}/set_user_usage/`, {
        username: u.accounts[1]?.username,
        usage: 1,
      });
    },
  ],
  ['GET', `${CUU}/`, async (c) => asProvider(c, (u) => `${CUU}/?resource_uuid=${u.resource}`)],
  [
    'GET',
    `${CUU}/{uuid}/`,
    async (c) =>
      asProvider(c, async (u) => {
        const [one] = await c.ok<{ uuid: string }[]>('GET', `${CUU}/?resource_uuid=${u.resource}`, u.token);
        return `${CUU}/${one?.uuid}/`;
      }),
  ],
  [
    'POST',
    `${LIM}/`,
    async (c) => {
      const u = await usageSetup(c);
      return asProvider(c, () => `${LIM}/`, limitBody(u, c, 0, '100'));
    },
  ],
  [
    'GET',
    `${LIM}/`,
    async (c) => {
      await limit(c);
      return asProvider(c, (u) => `${LIM}/?resource_uuid=${u.resource}`);
    },
  ],
  ['GET', `${LIM}/{uuid}/`, async (c) => asProvider(c, async () => `${LIM}/${await limit(c)}/`)],
  [
    'PATCH',
    `${LIM}/{uuid}/`,
    async (c) => asProvider(c, async () => `${LIM}/${await limit(c)}/`, { limit: '50' }),
  ],
  [
    'PUT',
    `${LIM}/{uuid}/`,
    async (c) => {
      const u = await usageSetup(c);
      return asProvider(c, async () => `${LIM}/${await limit(c)}/`, limitBody(u, c, 1, '60'));
    },
  ],
  [
    'DELETE',
    `${LIM}/{uuid}/`,
    async (c) => {
      const u = await usageSetup(c);
      const made = await c.ok<{ uuid: string }>('POST', `${LIM}/`, u.token, limitBody(u, c, 2, '5'));
      return asProvider(c, () => `${LIM}/${made.uuid}/`);
    },
  ],
  [
    'POST',
    '/api/marketplace-site-agent-identities/cleanup_orphaned/',
    async (c) => ({
      url: '/api/marketplace-site-agent-identities/cleanup_orphaned/',
      token: c.m.staff.token,
      body: {},
    }),
  ],
  [
    'POST',
    '/api/marketplace-site-agent-services/cleanup_stale/',
    async (c) => ({
      url: '/api/marketplace-site-agent-services/cleanup_stale/',
      token: c.m.staff.token,
      body: {},
    }),
  ],
];
