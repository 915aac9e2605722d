import { makeMarketplace, orderBody } from './order-factories.js';
import { makeResource } from './resource-factories.js';
import { ATTACHMENT_CASES } from './waldur-attachment-cases.js';
import type { Case, CaseContext } from './waldur-cases.js';
import { RESOURCE_EDIT_CASES } from './waldur-resource-edit-cases.js';
import { RESOURCE_USER_CASES } from './waldur-resource-user-cases.js';

const orders = '/api/marketplace-orders';
const provRes = '/api/marketplace-provider-resources';
const res = '/api/marketplace-resources';

/** The agent-driven (Marketplace.Slurm) side of a context. */
function agentOf(c: CaseContext): CaseContext {
  if (!c.agent) throw new Error('this case needs a Marketplace.Slurm context');
  return c.agent;
}

/** An order of the Slurm offering moved to executing by the provider. */
async function executing(c: CaseContext): Promise<string> {
  const o = await c.newOrder();
  await c.ok('POST', `${orders}/${o}/set_state_executing/`, c.m.providerOwner.token);
  return o;
}

/** An order erred by the provider. */
async function erred(c: CaseContext): Promise<string> {
  const o = await executing(c);
  await c.ok('POST', `${orders}/${o}/set_state_erred/`, c.m.providerOwner.token, { error_message: 'boom' });
  return o;
}

/** A request as the provider owner, with an optional body. */
const provider = (c: CaseContext, url: string, body?: unknown) => ({
  url,
  token: c.m.providerOwner.token,
  body,
});

/** Order, resource and usage actions (run by test/http/waldur-schema.actions.test.ts). */
export const ACTION_CASES: Case[] = [
  [
    'POST',
    `${orders}/`,
    async (c) => ({
      url: `${orders}/`,
      token: c.m.projectAdmin.token,
      body: orderBody(c.s.url, c.m),
    }),
  ],
  [
    'POST',
    `${orders}/{uuid}/approve_by_consumer/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder()}/approve_by_consumer/`,
      token: c.m.owner.token,
    }),
  ],
  [
    'POST',
    `${orders}/{uuid}/approve_by_provider/`,
    async (c) => provider(c, `${orders}/${await c.newOrder(c.m.owner.token)}/approve_by_provider/`, {}),
  ],
  [
    'POST',
    `${orders}/{uuid}/reject_by_consumer/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder()}/reject_by_consumer/`,
      token: c.m.owner.token,
    }),
  ],
  [
    'POST',
    `${orders}/{uuid}/reject_by_provider/`,
    async (c) => provider(c, `${orders}/${await c.newOrder(c.m.owner.token)}/reject_by_provider/`, {}),
  ],
  [
    'POST',
    `${orders}/{uuid}/set_provider_info/`,
    async (c) =>
      provider(c, `${orders}/${await c.newOrder(c.m.owner.token)}/set_provider_info/`, {
        provider_message: 'Racked.',
      }),
  ],
  [
    'POST',
    `${orders}/{uuid}/set_consumer_info/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder(c.m.owner.token)}/set_consumer_info/`,
      token: c.m.owner.token,
      body: { consumer_message: 'Thanks.' },
    }),
  ],
  [
    'POST',
    `${orders}/{uuid}/set_backend_id/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder(c.m.owner.token)}/set_backend_id/`,
      token: c.m.staff.token,
      body: { backend_id: 'ext-1' },
    }),
  ],
  [
    'PATCH',
    `${orders}/{uuid}/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder()}/`,
      token: c.m.owner.token,
      body: { limits: { cpu: 3 } },
    }),
  ],
  [
    'PUT',
    `${orders}/{uuid}/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder()}/`,
      token: c.m.owner.token,
      body: { limits: { cpu: 5 }, attributes: { name: 'put' } },
    }),
  ],
  [
    'DELETE',
    `${orders}/{uuid}/`,
    async (c) => ({ url: `${orders}/${await c.newOrder()}/`, token: c.m.staff.token }),
  ],
  [
    'POST',
    `${orders}/{uuid}/cancel/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder(c.m.owner.token)}/cancel/`,
      token: c.m.owner.token,
    }),
  ],
  [
    'POST',
    `${orders}/{uuid}/set_state_executing/`,
    async (c) => provider(agentOf(c), `${orders}/${await agentOf(c).newOrder()}/set_state_executing/`),
  ],
  [
    'POST',
    `${orders}/{uuid}/set_state_erred/`,
    async (c) =>
      provider(agentOf(c), `${orders}/${await executing(agentOf(c))}/set_state_erred/`, {
        error_message: 'boom',
      }),
  ],
  [
    'POST',
    `${orders}/{uuid}/set_state_done/`,
    async (c) => provider(agentOf(c), `${orders}/${await executing(agentOf(c))}/set_state_done/`),
  ],
  [
    'POST',
    `${orders}/{uuid}/retry/`,
    async (c) => provider(agentOf(c), `${orders}/${await erred(agentOf(c))}/retry/`),
  ],
  [
    'POST',
    `${orders}/{uuid}/unlink/`,
    async (c) => ({ url: `${orders}/${await c.newOrder()}/unlink/`, token: c.m.staff.token }),
  ],
  [
    'POST',
    `${res}/{uuid}/terminate/`,
    async (c) => ({
      url: `${res}/${await c.newResource()}/terminate/`,
      token: c.m.owner.token,
      body: {},
    }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/terminate/`,
    async (c) => provider(c, `${provRes}/${await c.newResource()}/terminate/`, {}),
  ],
  [
    'POST',
    `${res}/{uuid}/update_limits/`,
    async (c) => ({
      url: `${res}/${await c.newResource()}/update_limits/`,
      token: c.m.owner.token,
      body: { limits: { cpu: 4 } },
    }),
  ],
  [
    'POST',
    `${res}/{uuid}/update_options/`,
    async (c) => ({
      url: `${res}/${await c.newResource()}/update_options/`,
      token: c.m.owner.token,
      body: { options: { note: 'x' } },
    }),
  ],
  [
    'POST',
    `${res}/{uuid}/switch_plan/`,
    async (c) => {
      const plan = await c.s.tdb.db
        .insertInto('plans')
        .values({ offering_id: c.m.offering.id, name: `Other ${Math.random()}`, unit_price: '20' })
        .returning('uuid')
        .executeTakeFirstOrThrow();
      return {
        url: `${res}/${await c.newResource()}/switch_plan/`,
        token: c.m.owner.token,
        body: { plan: c.link('marketplace-plans', plan.uuid) },
      };
    },
  ],
  [
    'POST',
    `${res}/{uuid}/renew/`,
    async (c) => {
      // Renew needs a prepaid component: an offering of its own, so the other cases keep theirs.
      const prepaid = await makeMarketplace(c.s.tdb.db);
      await c.s.tdb.db
        .updateTable('offering_components')
        .set({ is_prepaid: true })
        .where('offering_id', '=', prepaid.offering.id)
        .execute();
      const r = await makeResource(c.s.tdb.db, prepaid);
      return { url: `${res}/${r.hex}/renew/`, token: prepaid.owner.token, body: { extension_months: 6 } };
    },
  ],
  [
    'POST',
    `${res}/{uuid}/restore/`,
    async (c) => ({
      url: `${res}/${await c.newResource({ state: 'Terminated' })}/restore/`,
      token: c.m.staff.token,
    }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/restore/`,
    async (c) => provider(c, `${provRes}/${await c.newResource({ state: 'Terminated' })}/restore/`),
  ],
  [
    'POST',
    `${res}/{uuid}/unlink/`,
    async (c) => ({ url: `${res}/${await c.newResource()}/unlink/`, token: c.m.staff.token }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/unlink/`,
    async (c) => ({
      url: `${provRes}/${await c.newResource()}/unlink/`,
      token: c.m.staff.token,
    }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_backend_id/`,
    async (c) => provider(c, `${provRes}/${await c.newResource()}/set_backend_id/`, { backend_id: 'vm-9' }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_limits/`,
    async (c) => provider(c, `${provRes}/${await c.newResource()}/set_limits/`, { limits: { cpu: 8 } }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_backend_metadata/`,
    async (c) =>
      provider(c, `${provRes}/${await c.newResource()}/set_backend_metadata/`, {
        backend_metadata: { az: 'b' },
      }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_endpoints/`,
    async (c) =>
      provider(c, `${provRes}/${await c.newResource()}/set_endpoints/`, {
        endpoints: [{ name: 'web', url: 'https://vm.example' }],
      }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_as_erred/`,
    async (c) =>
      provider(c, `${provRes}/${await c.newResource()}/set_as_erred/`, { error_message: 'Disk lost.' }),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_as_ok/`,
    async (c) => provider(c, `${provRes}/${await c.newResource({ state: 'Erred' })}/set_as_ok/`, {}),
  ],
  [
    'POST',
    `${provRes}/{uuid}/set_state_ok/`,
    async (c) => provider(c, `${provRes}/${await c.newResource({ state: 'Erred' })}/set_state_ok/`, {}),
  ],
  [
    'POST',
    `${provRes}/{uuid}/refresh_last_sync/`,
    async (c) => provider(c, `${provRes}/${await c.newResource()}/refresh_last_sync/`),
  ],
  [
    'POST',
    '/api/marketplace-component-usages/set_usage/',
    async (c) =>
      provider(c, '/api/marketplace-component-usages/set_usage/', {
        resource: await c.newResource(),
        usages: [{ type: 'cpu', amount: '2' }],
      }),
  ],
  ...RESOURCE_EDIT_CASES,
  ...RESOURCE_USER_CASES,
  ...ATTACHMENT_CASES,
];
