import { grant, makeProject, makeUser } from './factories.js';
import { makeCategory } from './offering-factories.js';
import { hexOf } from './resource-factories.js';
import type { Case, CaseContext } from './waldur-cases.js';
import { GROUP_CASES } from './waldur-group-cases.js';
import { PLAN_CASES } from './waldur-plan-cases.js';

const offerings = '/api/marketplace-provider-offerings';
const rules = '/api/marketplace-project-order-auto-approvals';

/** A staff request. */
const asStaff = (c: CaseContext, url: string, body?: unknown) => ({ url, token: c.m.staff.token, body });

/** A user granted `role` on a scope, to be removed again with `delete_user`. */
async function granted(
  c: CaseContext,
  role: string,
  scope: { type: 'customer' | 'project' | 'offering'; id: number },
) {
  const u = await makeUser(c.s.tdb.db);
  await grant(c.s.tdb.db, u.id, role, scope);
  return u.uuid;
}

/** The organization of the marketplace's offering (whose owner is `providerOwner`). */
async function providerCustomer(c: CaseContext) {
  return c.s.tdb.db
    .selectFrom('customers')
    .innerJoin('offerings', 'offerings.customer_id', 'customers.id')
    .select('customers.uuid')
    .where('offerings.id', '=', c.m.offering.id)
    .executeTakeFirstOrThrow();
}

/** A new Draft offering of the provider with one plan, created through the API; its hex uuid. */
async function draftOffering(c: CaseContext): Promise<string> {
  const o = await c.ok<{ uuid: string }>('POST', `${offerings}/`, c.m.providerOwner.token, {
    name: `Draft ${Math.random()}`,
    category: c.link('marketplace-categories', (await makeCategory(c.s.tdb.db)).uuid),
    customer: c.link('customers', (await providerCustomer(c)).uuid),
    type: 'Marketplace.Basic',
    plans: [{ name: 'Default', unit: 'month', unit_price: '1' }],
  });
  return o.uuid;
}

/** The project's auto-approval rule (created on first use); its hex uuid. */
async function rule(c: CaseContext): Promise<string> {
  const [found] = await c.ok<{ uuid: string }[]>('GET', `${rules}/`, c.m.owner.token);
  if (found) return found.uuid;
  const made = await c.ok<{ uuid: string }>('POST', `${rules}/`, c.m.owner.token, {
    project: c.link('projects', c.m.project.uuid),
    monthly_cost_limit: '1',
  });
  return made.uuid;
}

const customer = (c: CaseContext) => `/api/customers/${hexOf(c.m.customer.uuid)}`;
const project = (c: CaseContext) => `/api/projects/${hexOf(c.m.project.uuid)}`;

/** Identity, offering and auto-approval writes (run by test/http/waldur-schema.writes.test.ts). */
export const WRITE_CASES: Case[] = [
  ['POST', '/api/customers/', async (c) => asStaff(c, '/api/customers/', { name: 'Schema Org' })],
  ['PATCH', '/api/customers/{uuid}/', async (c) => asStaff(c, `${customer(c)}/`, { abbreviation: 'SO' })],
  [
    'PUT',
    '/api/customers/{uuid}/',
    async (c) => asStaff(c, `${customer(c)}/`, { name: 'Schema Org Renamed' }),
  ],
  [
    'POST',
    '/api/customers/{uuid}/add_user/',
    async (c) =>
      asStaff(c, `${customer(c)}/add_user/`, {
        role: 'CUSTOMER.MANAGER',
        user: (await makeUser(c.s.tdb.db)).uuid,
      }),
  ],
  [
    'POST',
    '/api/customers/{uuid}/delete_user/',
    async (c) =>
      asStaff(c, `${customer(c)}/delete_user/`, {
        role: 'CUSTOMER.MANAGER',
        user: await granted(c, 'CUSTOMER.MANAGER', { type: 'customer', id: c.m.customer.id }),
      }),
  ],
  [
    'POST',
    '/api/projects/',
    async (c) => ({
      url: '/api/projects/',
      token: c.m.owner.token,
      body: { name: 'Schema project', customer: c.link('customers', c.m.customer.uuid) },
    }),
  ],
  ['PATCH', '/api/projects/{uuid}/', async (c) => asStaff(c, `${project(c)}/`, { description: 'Checked' })],
  [
    'PUT',
    '/api/projects/{uuid}/',
    async (c) => asStaff(c, `${project(c)}/`, { name: 'Schema project renamed' }),
  ],
  [
    'DELETE',
    '/api/projects/{uuid}/',
    async (c) => asStaff(c, `/api/projects/${hexOf((await makeProject(c.s.tdb.db, c.m.customer.id)).uuid)}/`),
  ],
  [
    'POST',
    '/api/projects/{uuid}/add_user/',
    async (c) =>
      asStaff(c, `${project(c)}/add_user/`, {
        role: 'PROJECT.ADMIN',
        user: (await makeUser(c.s.tdb.db)).uuid,
      }),
  ],
  [
    'POST',
    '/api/projects/{uuid}/delete_user/',
    async (c) =>
      asStaff(c, `${project(c)}/delete_user/`, {
        role: 'PROJECT.ADMIN',
        user: await granted(c, 'PROJECT.ADMIN', { type: 'project', id: c.m.project.id }),
      }),
  ],
  [
    'POST',
    '/api/users/',
    async (c) => asStaff(c, '/api/users/', { username: 'schema-user', email: 'schema-user@example.org' }),
  ],
  [
    'PATCH',
    '/api/users/{uuid}/',
    async (c) => asStaff(c, `/api/users/${hexOf(c.m.outsider.uuid)}/`, { first_name: 'Out' }),
  ],
  [
    'PUT',
    '/api/users/{uuid}/',
    async (c) => {
      const u = await makeUser(c.s.tdb.db);
      return asStaff(c, `/api/users/${hexOf(u.uuid)}/`, {
        username: u.username,
        email: `${u.username}@example.org`,
      });
    },
  ],
  [
    'POST',
    '/api/users/{uuid}/refresh_token/',
    async (c) => asStaff(c, `/api/users/${hexOf((await makeUser(c.s.tdb.db)).uuid)}/refresh_token/`),
  ],
  [
    'PATCH',
    '/api/roles/{uuid}/',
    async (c) => {
      const r = await c.s.tdb.db
        .selectFrom('roles')
        .select('uuid')
        .where('name', '=', 'PROJECT.MEMBER')
        .executeTakeFirstOrThrow();
      return asStaff(c, `/api/roles/${hexOf(r.uuid)}/`, { description: 'Checked against Waldur' });
    },
  ],
  [
    'POST',
    '/api/marketplace-categories/',
    async (c) => asStaff(c, '/api/marketplace-categories/', { title: 'Schema category' }),
  ],
  [
    'POST',
    '/api/marketplace-service-providers/',
    async (c) => {
      const org = await c.ok<{ uuid: string }>('POST', '/api/customers/', c.m.staff.token, {
        name: 'New provider',
      });
      return asStaff(c, '/api/marketplace-service-providers/', { customer: c.link('customers', org.uuid) });
    },
  ],
  [
    'POST',
    `${offerings}/`,
    async (c) => ({
      url: `${offerings}/`,
      token: c.m.providerOwner.token,
      body: {
        name: 'Schema offering',
        category: c.link('marketplace-categories', (await makeCategory(c.s.tdb.db)).uuid),
        customer: c.link('customers', (await providerCustomer(c)).uuid),
        type: 'Marketplace.Basic',
        components: [{ type: 'cpu', name: 'CPU', billing_type: 'limit' }],
        plans: [
          { name: 'Standard', unit: 'month', unit_price: '1.5', prices: { cpu: 2 }, quotas: { cpu: 1 } },
        ],
      },
    }),
  ],
  [
    'POST',
    `${offerings}/{uuid}/activate/`,
    async (c) => asStaff(c, `${offerings}/${await draftOffering(c)}/activate/`),
  ],
  [
    'POST',
    `${offerings}/{uuid}/pause/`,
    async (c) => {
      const o = await draftOffering(c);
      await c.ok('POST', `${offerings}/${o}/activate/`, c.m.staff.token);
      return asStaff(c, `${offerings}/${o}/pause/`);
    },
  ],
  [
    'POST',
    `${offerings}/{uuid}/unpause/`,
    async (c) => {
      const o = await draftOffering(c);
      await c.ok('POST', `${offerings}/${o}/activate/`, c.m.staff.token);
      await c.ok('POST', `${offerings}/${o}/pause/`, c.m.staff.token);
      return asStaff(c, `${offerings}/${o}/unpause/`);
    },
  ],
  [
    'POST',
    `${offerings}/{uuid}/archive/`,
    async (c) => asStaff(c, `${offerings}/${await draftOffering(c)}/archive/`),
  ],
  [
    'POST',
    `${offerings}/{uuid}/update_type/`,
    async (c) =>
      asStaff(c, `${offerings}/${await draftOffering(c)}/update_type/`, { type: 'Marketplace.Slurm' }),
  ],
  [
    'POST',
    `${offerings}/{uuid}/add_user/`,
    async (c) => ({
      url: `${offerings}/${hexOf(c.m.offering.uuid)}/add_user/`,
      token: c.m.providerOwner.token,
      body: { role: 'OFFERING.MANAGER', user: (await makeUser(c.s.tdb.db)).uuid },
    }),
  ],
  [
    'POST',
    `${offerings}/{uuid}/delete_user/`,
    async (c) => ({
      url: `${offerings}/${hexOf(c.m.offering.uuid)}/delete_user/`,
      token: c.m.providerOwner.token,
      body: {
        role: 'OFFERING.MANAGER',
        user: await granted(c, 'OFFERING.MANAGER', { type: 'offering', id: c.m.offering.id }),
      },
    }),
  ],
  [
    'POST',
    '/api/marketplace-plans/',
    async (c) => ({
      url: '/api/marketplace-plans/',
      token: c.m.providerOwner.token,
      body: {
        name: 'Large',
        offering: c.link('marketplace-provider-offerings', c.m.offering.uuid),
        unit_price: '3',
      },
    }),
  ],
  [
    'POST',
    `${rules}/`,
    async (c) => {
      const p = await makeProject(c.s.tdb.db, c.m.customer.id);
      return asStaff(c, `${rules}/`, { project: c.link('projects', p.uuid), monthly_cost_limit: '12.5' });
    },
  ],
  ['PATCH', `${rules}/{uuid}/`, async (c) => asStaff(c, `${rules}/${await rule(c)}/`, { enabled: false })],
  [
    'PUT',
    `${rules}/{uuid}/`,
    async (c) => asStaff(c, `${rules}/${await rule(c)}/`, { monthly_cost_limit: '7' }),
  ],
  [
    'DELETE',
    `${rules}/{uuid}/`,
    async (c) => {
      const p = await makeProject(c.s.tdb.db, c.m.customer.id);
      const made = await c.ok<{ uuid: string }>('POST', `${rules}/`, c.m.staff.token, {
        project: c.link('projects', p.uuid),
        monthly_cost_limit: '2',
      });
      return asStaff(c, `${rules}/${made.uuid}/`);
    },
  ],
  ...PLAN_CASES,
  ...GROUP_CASES,
];
