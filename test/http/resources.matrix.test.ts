import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceState } from '../../src/modules/resources/domain/resource-state.js';
import { grant, makeCustomer, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { giveOutsiderAnOrganization } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';
import { hexOf, makeOrder, makeResource, type TestResource } from '../support/resource-factories.js';

/**
 * Every resource action × every role, on both resource views (api-contract §5, orders §8), with
 * default permissions (api-contract §1, Waldur's shipped permissions.yaml that it summarises). Each
 * cell gets a fresh resource in a state where the action is valid and a valid body, so the status
 * measures authentication (401), visibility through the view (404), permission (403) and success.
 * Expectations are written out by hand from the spec, not derived from the code.
 */
const ROLES = [
  'staff',
  'support',
  'owner',
  'customerManager',
  'projectAdmin',
  'projectManager',
  'projectMember',
  'offeringManager',
  'providerOwner',
  'siblingManager',
  'foreignManager',
  'consumerServiceManager',
  'outsider',
  'anonymous',
] as const;
type Role = (typeof ROLES)[number];

const LABEL: Record<Role, string> = {
  staff: 'staff',
  support: 'global support',
  owner: 'the consumer organization owner',
  customerManager: 'the provider organization service manager',
  projectAdmin: 'the project admin',
  projectManager: 'the project manager',
  projectMember: 'the project member',
  offeringManager: 'the offering manager',
  providerOwner: 'the provider organization owner',
  siblingManager: 'a manager of another offering of the same provider',
  foreignManager: "a manager of another organization's offering",
  consumerServiceManager: 'the service provider manager of the consumer organization',
  outsider: 'an owner of another organization',
  anonymous: 'an anonymous caller',
};

type View = 'consumer' | 'provider';
const COLLECTION: Record<View, string> = {
  consumer: '/api/marketplace-resources',
  provider: '/api/marketplace-provider-resources',
};

type Action =
  | 'retrieve'
  | 'team'
  | 'terminate'
  | 'restore'
  | 'switch_plan'
  | 'update_limits'
  | 'update_options'
  | 'renew'
  | 'unlink'
  | 'set_as_erred'
  | 'set_as_ok'
  | 'set_state_ok'
  | 'set_backend_id'
  | 'set_limits'
  | 'set_backend_metadata'
  | 'set_endpoints'
  | 'refresh_last_sync';

/** How to call an action and on which resource. */
interface ActionCase {
  method: 'GET' | 'POST';
  /** The segment after `{uuid}/` (empty for retrieve). */
  path: string;
  state: ResourceState;
  /** Also give the resource an executing Terminate order (a resource stuck in Terminating, §8.1). */
  stuckTerminating?: boolean;
  /** The request body, built when the cell runs (absent: no body and no Content-Type, §0.2). */
  body?: () => unknown;
}

let s: TestServer;
let m: Marketplace;
let otherPlanUrl = '';
let seq = 0;

const CASES: Record<Action, ActionCase> = {
  retrieve: { method: 'GET', path: '', state: 'OK' },
  team: { method: 'GET', path: 'team/', state: 'OK' },
  terminate: { method: 'POST', path: 'terminate/', state: 'OK', body: () => ({}) },
  // The offering has plugin_options.can_restore_resource (§8).
  restore: { method: 'POST', path: 'restore/', state: 'Terminated' },
  switch_plan: { method: 'POST', path: 'switch_plan/', state: 'OK', body: () => ({ plan: otherPlanUrl }) },
  // The resource has cpu = 2: a different value, so the "identical limits" 400 cannot apply.
  update_limits: {
    method: 'POST',
    path: 'update_limits/',
    state: 'OK',
    body: () => ({ limits: { cpu: 3 } }),
  },
  // No declared resource options and no create-orders option: a direct update (200 `{status}`).
  update_options: {
    method: 'POST',
    path: 'update_options/',
    state: 'OK',
    body: () => ({ options: { comment: 'bigger disk' } }),
  },
  // The offering's cpu component is prepaid, which renew requires (§8).
  renew: { method: 'POST', path: 'renew/', state: 'OK', body: () => ({ extension_months: 6 }) },
  unlink: { method: 'POST', path: 'unlink/', state: 'OK' },
  set_as_erred: {
    method: 'POST',
    path: 'set_as_erred/',
    state: 'OK',
    body: () => ({ error_message: 'Backend failed.', error_traceback: 'Traceback' }),
  },
  set_as_ok: { method: 'POST', path: 'set_as_ok/', state: 'Erred' },
  set_state_ok: { method: 'POST', path: 'set_state_ok/', state: 'Terminating', stuckTerminating: true },
  set_backend_id: {
    method: 'POST',
    path: 'set_backend_id/',
    state: 'OK',
    body: () => ({ backend_id: `matrix-${++seq}` }),
  },
  set_limits: { method: 'POST', path: 'set_limits/', state: 'OK', body: () => ({ limits: { cpu: 4 } }) },
  set_backend_metadata: {
    method: 'POST',
    path: 'set_backend_metadata/',
    state: 'OK',
    body: () => ({ backend_metadata: { cluster: 'alpha' } }),
  },
  set_endpoints: {
    method: 'POST',
    path: 'set_endpoints/',
    state: 'OK',
    body: () => ({ endpoints: [{ name: 'Portal', url: 'https://portal.example/' }] }),
  },
  refresh_last_sync: { method: 'POST', path: 'refresh_last_sync/', state: 'OK' },
};

/** One row: a status per role in {@link ROLES} order; `null` is a cell left out (see the comment). */
type Row = readonly (number | null)[];

// Consumer view: resources of projects and organizations the caller belongs to (api-contract §5),
// i.e. RESOURCE.LIST on the project or its organization; staff and support see all. Provider-side
// roles do not see the resource here (404).
// biome-ignore format: the table is aligned by role column
const CONSUMER: Partial<Record<Action, Row>> = {
  //               staff sup  own  cMgr pAdm pMgr pMem oMgr pOwn sib  frgn csm  out  anon
  retrieve:       [200, 200, 200, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 401],
  // RESOURCE.TERMINATE on project, project.customer or offering.customer.
  terminate:      [200, 403, 200, 404, 200, 200, 403, 404, 404, 404, 404, 404, 404, 401],
  // RESOURCE.SET_STATE on offering.customer only: the consumer owner's SET_STATE is on the wrong organization.
  restore:        [200, 403, 403, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 401],
  // RESOURCE.SET_PLAN / RESOURCE.SET_LIMITS (+ ORDER.CREATE) on project or project.customer.
  switch_plan:    [200, 403, 200, 404, 200, 200, 403, 404, 404, 404, 404, 404, 404, 401],
  update_limits:  [200, 403, 200, 404, 200, 200, 403, 404, 404, 404, 404, 404, 404, 401],
  // RESOURCE.UPDATE_OPTIONS: absent from the §1 table; Waldur's shipped permissions.yaml (the
  // table's source) gives it to CUSTOMER.OWNER only.
  update_options: [200, 403, 200, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 401],
  renew:          [200, 403, 200, 404, 200, 200, 403, 404, 404, 404, 404, 404, 404, 401],
  // Staff only, checked before the lookup like order unlink (§7.16, quirk 13): 403 even when invisible.
  unlink:         [204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  // Served on both views with the same permission (§8 note): RESOURCE.SET_STATE on the provider side.
  set_state_ok:   [200, 403, 403, 404, 403, 403, 403, 404, 404, 404, 404, 404, 404, 401],
};

// Provider view: resources of offerings whose organization the caller owns or manages, or offerings
// they manage (api-contract §5); staff and support see all. Consumer-side roles get 404, and so do
// managers of other offerings (of the same provider or not) and the consumer organization's service
// provider manager: no cross-organization reads.
// biome-ignore format: the table is aligned by role column
const PROVIDER: Partial<Record<Action, Row>> = {
  //                     staff sup  own  cMgr pAdm pMgr pMem oMgr pOwn sib  frgn csm  out  anon
  retrieve:             [200, 200, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  team:                 [200, 200, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  // Only the provider owner holds RESOURCE.TERMINATE on offering.customer.
  terminate:            [200, 403, 404, 403, 404, 404, 404, 403, 200, 404, 404, 404, 404, 401],
  // RESOURCE.SET_STATE on offering.customer (not offering): the offering manager is refused.
  restore:              [200, 403, 404, 200, 404, 404, 404, 403, 200, 404, 404, 404, 404, 401],
  unlink:               [204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  // RESOURCE.SET_STATE / SET_BACKEND_ID / SET_BACKEND_METADATA on offering or offering.customer.
  set_as_erred:         [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  set_as_ok:            [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  set_state_ok:         [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  set_backend_id:       [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  set_limits:           [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  set_backend_metadata: [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  set_endpoints:        [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
  refresh_last_sync:    [200, 403, 404, 200, 404, 404, 404, 200, 200, 404, 404, 404, 404, 401],
};

const TABLES: Record<View, Partial<Record<Action, Row>>> = { consumer: CONSUMER, provider: PROVIDER };

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { can_restore_resource: true });
  await giveOutsiderAnOrganization(s.tdb.db, m);
  await s.tdb.db
    .updateTable('offering_components')
    .set({ is_prepaid: true })
    .where('offering_id', '=', m.offering.id)
    .execute();
  const plan = await s.tdb.db
    .insertInto('plans')
    .values({ offering_id: m.offering.id, name: 'Large', unit_price: '20' })
    .returning('uuid')
    .executeTakeFirstOrThrow();
  const offering = hexOf(m.offering.uuid);
  otherPlanUrl = `${s.url}/api/marketplace-public-offerings/${offering}/plans/${hexOf(plan.uuid)}/`;
  const db = s.tdb.db;
  const sibling = await makeOffering(db, m.provider.id);
  const elsewhere = await makeOffering(db, (await makeCustomer(db)).id);
  [extra.siblingManager, extra.foreignManager, extra.consumerServiceManager] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await grant(db, extra.siblingManager.id, 'OFFERING.MANAGER', { type: 'offering', id: sibling.id });
  await grant(db, extra.foreignManager.id, 'OFFERING.MANAGER', { type: 'offering', id: elsewhere.id });
  await grant(db, extra.consumerServiceManager.id, 'CUSTOMER.MANAGER', {
    type: 'customer',
    id: m.customer.id,
  });
});
afterAll(() => s.close());

/** Users of the extra roles, made in `beforeAll`. */
const extra: Partial<Record<Role, TestUser>> = {};

const userOf = (role: Role): TestUser | undefined => {
  if (role === 'anonymous') return undefined;
  return role in m ? m[role as keyof Marketplace & Role] : extra[role];
};

/** A fresh resource in the state the action needs. */
async function resourceFor(c: ActionCase): Promise<TestResource> {
  const r = await makeResource(s.tdb.db, m, { state: c.state });
  if (c.stuckTerminating) await makeOrder(s.tdb.db, m, r, { type: 'Terminate', state: 'executing' });
  return r;
}

/** The resource row and its orders, to prove that a refused request changed nothing. */
async function snapshot(r: TestResource) {
  const db = s.tdb.db;
  return {
    resource: await db.selectFrom('resources').selectAll().where('id', '=', r.id).executeTakeFirst(),
    orders: await db.selectFrom('orders').selectAll().where('resource_id', '=', r.id).orderBy('id').execute(),
  };
}

/** What the tests read of a resource representation. */
interface ResourceBody {
  abilities: Record<string, { allowed: boolean } | undefined>;
}

describe('the resource action × role matrix (default permissions)', () => {
  it('has a status for every role in every row, and both views can be retrieved', () => {
    for (const table of Object.values(TABLES)) {
      expect(table.retrieve).toBeDefined();
      for (const row of Object.values(table)) expect(row).toHaveLength(ROLES.length);
    }
  });

  for (const view of ['consumer', 'provider'] as const) {
    const table = TABLES[view];
    for (const [action, row] of Object.entries(table) as [Action, Row][]) {
      const c = CASES[action];
      describe(`${c.method} ${COLLECTION[view]}/{uuid}/${c.path} on a resource in state ${c.state}`, () => {
        ROLES.forEach((role, i) => {
          const status = row[i];
          if (status === null || status === undefined) return;
          it(`${LABEL[role]} gets ${status}`, async () => {
            const r = await resourceFor(c);
            const user = userOf(role);
            const url = `${COLLECTION[view]}/${r.hex}/`;
            if (user && c.method === 'POST') {
              // §17 d: the ability this caller is shown predicts the answer of the POST.
              const seen = await s.request<ResourceBody>('GET', url, { token: user.token });
              expect(seen.status, 'retrieve through the same view').toBe(table.retrieve?.[i]);
              if (seen.status === 200) {
                const ability = seen.body.abilities[action];
                expect(ability, `abilities.${action}`).toBeDefined();
                expect(ability?.allowed, `abilities.${action}.allowed`).toBe(status < 300);
              }
            }
            const before = await snapshot(r);
            const body = c.body?.();
            const res = await s.request(c.method, `${url}${c.path}`, {
              token: user?.token,
              ...(body === undefined ? {} : { body }),
            });
            expect(res.status, res.text).toBe(status);
            if (status >= 400) expect(await snapshot(r)).toEqual(before);
          });
        });
      });
    }
  }
});
