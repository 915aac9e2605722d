/**
 * Order-create cases shared by the create tests and the preflight equivalence test: each case sets
 * up a fresh marketplace, names who posts which body, and what create answers (status, code, fields).
 */
import type { Db } from '../../src/platform/db/database.js';
import { grant, makeUser, type TestUser } from './factories.js';
import type { TestServer } from './http.js';
import { hexId } from './order-api.js';
import { type Marketplace, makeOffering, orderBody } from './order-factories.js';

/** Wrong JSON types for each create body field: a 400 naming the field (orders.bad-input). */
export const WRONG_TYPE_CASES: [string, unknown][] = [
  ['project', 123],
  ['offering', true],
  ['plan', 5],
  ['attributes', 'name=x'],
  ['attributes', ['a']],
  ['limits', { cpu: 'two' }],
  ['limits', [1, 2]],
  ['accepting_terms_of_service', 'yes'],
  ['callback_url', 'not a url'],
  ['request_comment', 42],
  ['start_date', 'tomorrow'],
  ['slug', 7],
  ['type', 5],
];

/** The pointer a wrong-type case names (`limits` records point at the bad entry). */
export function wrongTypePointer(field: string, value: unknown): string {
  return field === 'limits' && !Array.isArray(value) ? '/body/limits/cpu' : `/body/${field}`;
}

/** What create answers for a case. */
export interface CreateExpectation {
  status: number;
  code?: string;
  pointers?: string[];
}

/** One create case: the offering type, a setup returning who posts what, and create's answer. */
export interface CreateCase {
  name: string;
  type?: string;
  setup(s: TestServer, m: Marketplace): Promise<{ user: TestUser; body: Record<string, unknown> }>;
  expect: CreateExpectation;
}

const missing = '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f';
const setOffering = (db: Db, m: Marketplace, values: Record<string, unknown>) =>
  db.updateTable('offerings').set(values).where('id', '=', m.offering.id).execute();
const body = (s: TestServer, m: Marketplace, extra: Record<string, unknown> = {}) =>
  orderBody(s.url, m, extra);
const withAttrs = (s: TestServer, m: Marketplace, attributes: Record<string, unknown>) =>
  orderBody(s.url, m, { attributes: { name: 'r', ...attributes } });
const FLAVOR_OPTIONS = {
  options: {
    options: {
      flavor: { type: 'select_string', label: 'Flavor', required: true, choices: ['small', 'large'] },
      disk: { type: 'integer', min: 10 },
    },
  },
};
const inAYear = () => new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const planLink = (s: TestServer, m: Marketplace, planUuid: string) =>
  `${s.url}/api/marketplace-public-offerings/${hexId(m.offering.uuid)}/plans/${hexId(planUuid)}/`;

/** Orders one resource through the API first (for rules that count live resources). */
async function orderOnce(s: TestServer, m: Marketplace, b: Record<string, unknown>): Promise<void> {
  const r = await s.request('POST', '/api/marketplace-orders/', { token: m.owner.token, body: b });
  if (r.status !== 201) throw new Error(`setup order failed: ${r.status} ${r.text}`);
}

/** Every create-time rule (orders.create-rules, orders.bad-input and create-order.ts), one case each. */
export const CREATE_CASES: CreateCase[] = [
  {
    name: 'a valid body by the owner',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m) }),
    expect: { status: 201 },
  },
  {
    name: 'a valid body by a project admin',
    setup: async (s, m) => ({ user: m.projectAdmin, body: body(s, m) }),
    expect: { status: 201 },
  },
  {
    name: 'a valid body by staff',
    setup: async (s, m) => ({ user: m.staff, body: body(s, m) }),
    expect: { status: 201 },
  },
  {
    name: 'a project member may not order',
    setup: async (s, m) => ({ user: m.projectMember, body: body(s, m) }),
    expect: { status: 403, code: 'permission_denied' },
  },
  {
    name: 'an outsider does not see the project',
    setup: async (s, m) => ({ user: m.outsider, body: body(s, m) }),
    expect: { status: 400, pointers: ['/body/project'] },
  },
  {
    name: 'an unknown offering',
    setup: async (s, m) => ({
      user: m.owner,
      body: body(s, m, { offering: `${s.url}/api/marketplace-public-offerings/${missing}/` }),
    }),
    expect: { status: 400, pointers: ['/body/offering'] },
  },
  {
    name: 'an unknown project',
    setup: async (s, m) => ({
      user: m.owner,
      body: body(s, m, { project: `${s.url}/api/projects/${missing}/` }),
    }),
    expect: { status: 400, pointers: ['/body/project'] },
  },
  {
    name: 'a project hyperlink into the wrong collection',
    setup: async (s, m) => ({
      user: m.owner,
      body: body(s, m, { project: `${s.url}/api/customers/${hexId(m.customer.uuid)}/` }),
    }),
    expect: { status: 400, code: 'invalid_hyperlink', pointers: ['/body/project'] },
  },
  {
    name: 'an offering that is not a url',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { offering: 'not a url' }) }),
    expect: { status: 400, code: 'invalid_hyperlink', pointers: ['/body/offering'] },
  },
  {
    name: 'a plan of another offering',
    setup: async (s, m) => {
      const other = await makeOffering(s.tdb.db, m.provider.id, { type: m.offering.type });
      return { user: m.owner, body: body(s, m, { plan: planLink(s, m, other.plan.uuid) }) };
    },
    expect: { status: 400, code: 'order.plan_mismatch', pointers: ['/body/plan'] },
  },
  {
    name: 'an unknown plan',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { plan: planLink(s, m, missing) }) }),
    expect: { status: 400, code: 'order.plan_mismatch', pointers: ['/body/plan'] },
  },
  {
    name: 'no plan for a shared offering',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { plan: undefined }) }),
    expect: { status: 400, code: 'order.plan_required', pointers: ['/body/plan'] },
  },
  {
    name: 'an archived plan',
    setup: async (s, m) => {
      await s.tdb.db
        .updateTable('plans')
        .set({ archived: true })
        .where('id', '=', m.offering.plan.id)
        .execute();
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.plan_archived', pointers: ['/body/plan'] },
  },
  {
    name: 'a plan at its max_amount',
    setup: async (s, m) => {
      await s.tdb.db
        .updateTable('plans')
        .set({ max_amount: 1 })
        .where('id', '=', m.offering.plan.id)
        .execute();
      await orderOnce(s, m, body(s, m));
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.plan_full', pointers: ['/body/plan'] },
  },
  {
    name: 'an unknown component limit',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { limits: { ram: 1 } }) }),
    expect: { status: 400, code: 'order.invalid_limits', pointers: ['/body/limits/ram'] },
  },
  {
    name: 'a limit above the component maximum',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { limits: { cpu: 1001 } }) }),
    expect: { status: 400, code: 'order.invalid_limits', pointers: ['/body/limits/cpu'] },
  },
  {
    name: 'an offering that is not active',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { state: 4 });
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.offering_not_orderable', pointers: ['/body/offering'] },
  },
  {
    name: 'a private offering of another organization',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { shared: false });
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.offering_private', pointers: ['/body/offering'] },
  },
  {
    name: 'a blocked organization',
    setup: async (s, m) => {
      await s.tdb.db
        .updateTable('customers')
        .set({ blocked: true })
        .where('id', '=', m.customer.id)
        .execute();
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'customer.blocked' },
  },
  {
    name: 'an archived organization',
    setup: async (s, m) => {
      await s.tdb.db
        .updateTable('customers')
        .set({ archived: true })
        .where('id', '=', m.customer.id)
        .execute();
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'customer.archived' },
  },
  {
    name: 'a project past its end date',
    setup: async (s, m) => {
      await s.tdb.db
        .updateTable('projects')
        .set({ end_date: yesterday() })
        .where('id', '=', m.project.id)
        .execute();
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'project.expired' },
  },
  {
    name: 'a start date in the past',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { start_date: yesterday() }) }),
    expect: { status: 400, pointers: ['/body/start_date'] },
  },
  {
    name: 'a start date after the project end',
    setup: async (s, m) => {
      await s.tdb.db
        .updateTable('projects')
        .set({ end_date: inAYear() })
        .where('id', '=', m.project.id)
        .execute();
      const after = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
      return { user: m.owner, body: body(s, m, { start_date: after }) };
    },
    expect: { status: 400, pointers: ['/body/start_date'] },
  },
  {
    name: 'a required attribute missing',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, FLAVOR_OPTIONS);
      return { user: m.owner, body: withAttrs(s, m, {}) };
    },
    expect: { status: 400, code: 'order.invalid_attributes', pointers: ['/body/attributes/flavor'] },
  },
  {
    name: 'attributes outside their choices and minimum',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, FLAVOR_OPTIONS);
      return { user: m.owner, body: withAttrs(s, m, { flavor: 'huge', disk: 5 }) };
    },
    expect: {
      status: 400,
      code: 'order.invalid_attributes',
      pointers: ['/body/attributes/disk', '/body/attributes/flavor'],
    },
  },
  {
    name: 'attributes that satisfy the declared options',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, FLAVOR_OPTIONS);
      return { user: m.owner, body: withAttrs(s, m, { flavor: 'small', disk: 20 }) };
    },
    expect: { status: 201 },
  },
  {
    name: 'restricted_to_roles refuses another role',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { restricted_to_roles: ['PROJECT.MANAGER'] } });
      return { user: m.projectAdmin, body: body(s, m) };
    },
    expect: { status: 403, code: 'order.offering_restricted' },
  },
  {
    name: 'restricted_to_roles lets the listed role order',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { restricted_to_roles: ['PROJECT.MANAGER'] } });
      return { user: m.projectManager, body: body(s, m) };
    },
    expect: { status: 201 },
  },
  {
    name: 'maximal_resource_count_per_project reached',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { maximal_resource_count_per_project: 1 } });
      await orderOnce(s, m, body(s, m));
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.max_resources_reached', pointers: ['/body/project'] },
  },
  {
    name: 'minimal_team_count_for_provisioning not met',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { minimal_team_count_for_provisioning: 4 } });
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.team_too_small', pointers: ['/body/project'] },
  },
  {
    name: 'minimal_team_count_for_provisioning met',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { minimal_team_count_for_provisioning: 4 } });
      const extra = await makeUser(s.tdb.db);
      await grant(s.tdb.db, extra.id, 'PROJECT.ADMIN', { type: 'project', id: m.project.id });
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 201 },
  },
  {
    name: 'required_team_role_for_provisioning missing',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, {
        plugin_options: { required_team_role_for_provisioning: 'PROJECT.MEMBER' },
      });
      await s.tdb.db.deleteFrom('user_roles').where('user_id', '=', m.projectMember.id).execute();
      return { user: m.owner, body: body(s, m) };
    },
    expect: { status: 400, code: 'order.team_role_missing', pointers: ['/body/project'] },
  },
  {
    name: 'unique_resource_per_attribute duplicate',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { unique_resource_per_attribute: 'account' } });
      await orderOnce(s, m, withAttrs(s, m, { account: 'acct-1' }));
      return { user: m.owner, body: withAttrs(s, m, { account: 'acct-1' }) };
    },
    expect: { status: 400, code: 'order.duplicate_attribute', pointers: ['/body/attributes/account'] },
  },
  {
    name: 'unique_resource_per_attribute with another value',
    setup: async (s, m) => {
      await setOffering(s.tdb.db, m, { plugin_options: { unique_resource_per_attribute: 'account' } });
      await orderOnce(s, m, withAttrs(s, m, { account: 'acct-1' }));
      return { user: m.owner, body: withAttrs(s, m, { account: 'acct-2' }) };
    },
    expect: { status: 201 },
  },
  {
    name: 'a negative limit (body schema)',
    setup: async (s, m) => ({ user: m.owner, body: body(s, m, { limits: { cpu: -5 } }) }),
    expect: { status: 400, code: 'validation_error', pointers: ['/body/limits/cpu'] },
  },
  {
    name: 'attributes over 64 KiB (body schema)',
    setup: async (s, m) => ({
      user: m.owner,
      body: body(s, m, { attributes: { name: 'big', blob: 'x'.repeat(65 * 1024) } }),
    }),
    expect: { status: 400, code: 'validation_error', pointers: ['/body/attributes'] },
  },
  ...WRONG_TYPE_CASES.map(
    ([field, value]): CreateCase => ({
      name: `${field} = ${JSON.stringify(value)} (body schema)`,
      setup: async (s, m) => ({ user: m.owner, body: body(s, m, { [field]: value }) }),
      expect: { status: 400, pointers: [wrongTypePointer(field, value)] },
    }),
  ),
];
