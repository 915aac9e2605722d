import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { hexOf, makeOrder, makeResource } from '../support/resource-factories.js';
import { ACTION_CASES } from '../support/waldur-action-cases.js';
import { AGENT_CASES, NOT_EXERCISED } from '../support/waldur-agent-cases.js';
import { PROVIDER_CASES } from '../support/waldur-provider-cases.js';
import { checkOperation, loadWaldurSchema } from '../support/waldur-schema.js';
import { USAGE_CASES } from '../support/waldur-usage-cases.js';
import { WRITE_CASES } from '../support/waldur-write-cases.js';

// Every GET operation Orderly serves that Waldur's published schema (test/fixtures/waldur-schema.json,
// written by scripts/extract-waldur-schema.py) also has: real objects, checked field by field.

const schema = loadWaldurSchema();
let s: TestServer;
let m: Marketplace;
const ids: Record<string, string> = {};

/** Sends a request that makes test data; fails on anything but 2xx. */
async function ok<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) {
  const r = await s.request<T>(method, path, { token, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
  return r.body;
}

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  m = await makeMarketplace(db);
  const made = await makeResource(db, m, { name: 'vm-1' });
  const order = await db
    .selectFrom('orders')
    .select('uuid')
    .where('resource_id', '=', made.id)
    .executeTakeFirstOrThrow();
  const resource = made.hex;
  // Objects in other states, so lists carry the fields that are null or empty only there.
  await makeOrder(db, m, made, { type: 'Update', state: 'erred' });
  await makeOrder(db, m, made, { type: 'Terminate', state: 'pending-provider' });
  await makeResource(db, m, { state: 'Erred', errorMessage: 'Disk lost.', creation: 'erred' });
  await makeResource(db, m, { state: 'Terminated', creation: 'rejected' });
  await makeResource(db, m, { state: 'Creating', creation: 'executing' });
  const provider = `/api/marketplace-provider-resources/${resource}`;
  await ok('POST', `${provider}/set_backend_id/`, m.providerOwner.token, { backend_id: 'vm-1' });
  await ok('POST', `${provider}/set_endpoints/`, m.providerOwner.token, {
    endpoints: [{ name: 'ssh', url: 'ssh://vm-1.example' }],
  });
  await ok('POST', `${provider}/set_backend_metadata/`, m.providerOwner.token, {
    backend_metadata: { az: 'a' },
  });
  await ok('POST', `${provider}/add_user/`, m.providerOwner.token, {
    role: 'RESOURCE.MEMBER',
    user: (await makeUser(db)).uuid,
    expiration_time: '2099-01-01T00:00:00Z',
  });
  await ok('POST', '/api/marketplace-component-usages/set_usage/', m.providerOwner.token, {
    resource,
    usages: [{ type: 'cpu', amount: '1.5' }],
  });
  const pending = await ok<{ uuid: string }>('POST', '/api/marketplace-orders/', m.projectAdmin.token, {
    ...orderBody(s.url, m),
    start_date: '2031-01-01',
  });
  const rule = await ok<{ uuid: string }>(
    'POST',
    '/api/marketplace-project-order-auto-approvals/',
    m.owner.token,
    {
      project: `${s.url}/api/projects/${m.project.uuid}/`,
      monthly_cost_limit: '25.5',
    },
  );
  const [sp, category, role] = await Promise.all([
    db
      .selectFrom('service_providers')
      .select('uuid')
      .where('customer_id', '=', m.provider.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('offerings')
      .innerJoin('offering_categories as c', 'c.id', 'offerings.category_id')
      .select('c.uuid')
      .where('offerings.id', '=', m.offering.id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('roles').select('uuid').where('name', '=', 'PROJECT.ADMIN').executeTakeFirstOrThrow(),
  ]);
  Object.assign(ids, {
    order: hexOf(order.uuid),
    pending: pending.uuid,
    resource,
    rule: rule.uuid,
    sp: hexOf(sp.uuid),
    category: hexOf(category.uuid),
    role: hexOf(role.uuid),
    offering: hexOf(m.offering.uuid),
    plan: hexOf(m.offering.plan.uuid),
    customer: hexOf(m.customer.uuid),
    project: hexOf(m.project.uuid),
    user: hexOf(m.owner.uuid),
  });
});
afterAll(() => s.close());

/** One GET case: the fixture path, the concrete URL, whose token (default staff), and whether a list may be empty. */
interface Case {
  path: string;
  url: () => string;
  as?: () => string;
}

const c = (path: string, url: () => string, as?: () => string): Case => ({
  path,
  url,
  ...(as ? { as } : {}),
});

const GETS: Case[] = [
  c('/api/version/', () => '/api/version/'),
  c('/api/users/', () => '/api/users/'),
  c(
    '/api/users/me/',
    () => '/api/users/me/',
    () => m.owner.token,
  ),
  c('/api/users/{uuid}/', () => `/api/users/${ids.user}/`),
  c('/api/users/{uuid}/token/', () => `/api/users/${ids.user}/token/`),
  c('/api/customers/', () => '/api/customers/'),
  c('/api/customers/{uuid}/', () => `/api/customers/${ids.customer}/`),
  c('/api/customers/{uuid}/list_users/', () => `/api/customers/${ids.customer}/list_users/`),
  c('/api/projects/', () => '/api/projects/'),
  c('/api/projects/{uuid}/', () => `/api/projects/${ids.project}/`),
  c('/api/projects/{uuid}/list_users/', () => `/api/projects/${ids.project}/list_users/`),
  c('/api/roles/', () => '/api/roles/'),
  c('/api/roles/{uuid}/', () => `/api/roles/${ids.role}/`),
  c('/api/marketplace-service-providers/', () => '/api/marketplace-service-providers/'),
  c('/api/marketplace-service-providers/{uuid}/', () => `/api/marketplace-service-providers/${ids.sp}/`),
  c('/api/marketplace-categories/', () => '/api/marketplace-categories/'),
  c('/api/marketplace-categories/{uuid}/', () => `/api/marketplace-categories/${ids.category}/`),
  c('/api/marketplace-provider-offerings/', () => '/api/marketplace-provider-offerings/'),
  c(
    '/api/marketplace-provider-offerings/{uuid}/',
    () => `/api/marketplace-provider-offerings/${ids.offering}/`,
  ),
  c(
    '/api/marketplace-provider-offerings/{uuid}/list_users/',
    () => `/api/marketplace-provider-offerings/${ids.offering}/list_users/`,
  ),
  c('/api/marketplace-public-offerings/', () => '/api/marketplace-public-offerings/'),
  c('/api/marketplace-public-offerings/{uuid}/', () => `/api/marketplace-public-offerings/${ids.offering}/`),
  c(
    '/api/marketplace-public-offerings/{uuid}/plans/',
    () => `/api/marketplace-public-offerings/${ids.offering}/plans/`,
  ),
  c(
    '/api/marketplace-public-offerings/{uuid}/plans/{plan_uuid}/',
    () => `/api/marketplace-public-offerings/${ids.offering}/plans/${ids.plan}/`,
  ),
  c('/api/marketplace-plans/', () => '/api/marketplace-plans/'),
  c('/api/marketplace-plans/{uuid}/', () => `/api/marketplace-plans/${ids.plan}/`),
  c('/api/marketplace-orders/', () => '/api/marketplace-orders/'),
  c('/api/marketplace-orders/{uuid}/', () => `/api/marketplace-orders/${ids.order}/`),
  c('/api/marketplace-orders/{uuid}/offering/', () => `/api/marketplace-orders/${ids.order}/offering/`),
  c('/api/marketplace-orders/{uuid}/resource/', () => `/api/marketplace-orders/${ids.order}/resource/`),
  c('/api/marketplace-project-order-auto-approvals/', () => '/api/marketplace-project-order-auto-approvals/'),
  c(
    '/api/marketplace-project-order-auto-approvals/{uuid}/',
    () => `/api/marketplace-project-order-auto-approvals/${ids.rule}/`,
  ),
  c('/api/marketplace-resources/', () => '/api/marketplace-resources/'),
  c('/api/marketplace-resources/{uuid}/', () => `/api/marketplace-resources/${ids.resource}/`),
  c('/api/marketplace-resources/{uuid}/team/', () => `/api/marketplace-resources/${ids.resource}/team/`),
  c(
    '/api/marketplace-resources/{uuid}/list_users/',
    () => `/api/marketplace-resources/${ids.resource}/list_users/`,
  ),
  c(
    '/api/marketplace-provider-resources/{uuid}/list_users/',
    () => `/api/marketplace-provider-resources/${ids.resource}/list_users/`,
  ),
  c('/api/marketplace-provider-resources/', () => '/api/marketplace-provider-resources/'),
  c(
    '/api/marketplace-provider-resources/{uuid}/',
    () => `/api/marketplace-provider-resources/${ids.resource}/`,
  ),
  c(
    '/api/marketplace-provider-resources/{uuid}/team/',
    () => `/api/marketplace-provider-resources/${ids.resource}/team/`,
  ),
  c('/api/marketplace-component-usages/', () => '/api/marketplace-component-usages/'),
  c('/api/events/', () => '/api/events/'),
  c('/api/hooks/', () => '/api/hooks/'),
  // What the consumer and the provider see (abilities and fields can depend on the viewer).
  c(
    '/api/marketplace-orders/',
    () => '/api/marketplace-orders/',
    () => m.owner.token,
  ),
  c(
    '/api/marketplace-orders/{uuid}/',
    () => `/api/marketplace-orders/${ids.pending}/`,
    () => m.projectAdmin.token,
  ),
  c(
    '/api/marketplace-resources/',
    () => '/api/marketplace-resources/',
    () => m.owner.token,
  ),
  c(
    '/api/marketplace-provider-resources/',
    () => '/api/marketplace-provider-resources/',
    () => m.providerOwner.token,
  ),
  c(
    '/api/marketplace-public-offerings/',
    () => '/api/marketplace-public-offerings/',
    () => m.outsider.token,
  ),
  c(
    '/api/marketplace-provider-offerings/',
    () => '/api/marketplace-provider-offerings/',
    () => m.offeringManager.token,
  ),
  c(
    '/api/customers/',
    () => '/api/customers/',
    () => m.owner.token,
  ),
  c(
    '/api/projects/',
    () => '/api/projects/',
    () => m.projectMember.token,
  ),
  c(
    '/api/users/',
    () => '/api/users/',
    () => m.owner.token,
  ),
];

describe("GET responses fit Waldur's published schema", () => {
  it('every operation of the fixture has a case (GETs here, the rest in waldur-schema.*.test.ts)', () => {
    const cases = new Set([
      ...GETS.map((g) => `GET ${g.path}`),
      ...[...ACTION_CASES, ...WRITE_CASES, ...AGENT_CASES, ...USAGE_CASES, ...PROVIDER_CASES].map(
        ([method, path]) => `${method} ${path}`,
      ),
      ...Object.keys(NOT_EXERCISED),
    ]);
    const fixture = schema.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(fixture.filter((o) => !cases.has(o))).toEqual([]);
    expect([...cases].filter((o) => !fixture.includes(o))).toEqual([]);
  });

  for (const g of GETS) {
    it(`GET ${g.path}${g.as ? ' (as a non-staff user)' : ''}`, async () => {
      const r = await checkOperation(schema, s.request, 'GET', g.path, g.url(), {
        token: g.as ? g.as() : m.staff.token,
      });
      expect(r.problems).toEqual([]);
      if (Array.isArray(r.body) && g.path !== '/api/hooks/') expect(r.body.length).toBeGreaterThan(0);
    });
  }
});
