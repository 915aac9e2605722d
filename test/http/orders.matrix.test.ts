import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  createOrder,
  dashed,
  expectAct,
  giveOutsiderAnOrganization,
  type OrderView,
  orderRow,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

/**
 * Every order action × every role, with default permissions (api-contract §1, orders §9.3), on an
 * order in a state where the action is valid, so the status measures visibility (404), permission
 * (403) and success only. Expectations are written out by hand from the spec, not derived from code.
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
  projectAdmin: 'the project admin (the order creator)',
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

type Setup = 'pending-consumer' | 'pending-provider' | 'executing' | 'erred';

/** How to call an action and on which order. */
interface ActionCase {
  offering: 'basic' | 'slurm';
  setup: Setup;
  method: 'POST' | 'DELETE' | 'PATCH';
  path: string;
  body?: unknown;
}

const post = (offering: 'basic' | 'slurm', setup: Setup, action: string, body?: unknown): ActionCase => ({
  offering,
  setup,
  method: 'POST',
  path: `${action}/`,
  ...(body === undefined ? {} : { body }),
});

const CASES = {
  approve_by_consumer: post('basic', 'pending-consumer', 'approve_by_consumer'),
  approve_by_provider: post('basic', 'pending-provider', 'approve_by_provider', {}),
  reject_by_consumer: post('basic', 'pending-consumer', 'reject_by_consumer', {}),
  reject_by_provider: post('basic', 'pending-provider', 'reject_by_provider', {}),
  cancel: post('basic', 'pending-consumer', 'cancel'),
  retry: post('slurm', 'erred', 'retry'),
  set_state_executing: post('slurm', 'pending-consumer', 'set_state_executing'),
  set_state_done: post('slurm', 'executing', 'set_state_done'),
  set_state_erred: post('slurm', 'executing', 'set_state_erred', {
    error_message: 'm',
    error_traceback: 't',
  }),
  set_backend_id: post('slurm', 'executing', 'set_backend_id', { backend_id: 'agent-42' }),
  unlink: post('basic', 'pending-consumer', 'unlink'),
  destroy: { offering: 'basic', setup: 'pending-consumer', method: 'DELETE', path: '' },
  update: {
    offering: 'basic',
    setup: 'pending-consumer',
    method: 'PATCH',
    path: '',
    body: { limits: { cpu: 3 } },
  },
} satisfies Record<string, ActionCase>;
type Action = keyof typeof CASES;

// Provider side (seed 000 "Managing orders" and "Who can retry", orders §9.3): the provider owner, its
// service provider manager (Waldur migration 0033) and the offering's manager. A manager of another
// offering, of the same provider or not, does not see the order (404); nor does the consumer
// organization's service provider manager, whose role acts only on the provider side.
// biome-ignore format: the table is aligned by role column
const EXPECTED: Record<Action, readonly number[]> = {
  //                   staff sup  own  cMgr pAdm pMgr pMem oMgr pOwn sib  frgn csm  out  anon
  approve_by_consumer: [200, 403, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 401],
  approve_by_provider: [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  // The creator (project admin) may always reject as consumer (§7.8).
  reject_by_consumer:  [200, 403, 200, 403, 200, 403, 403, 403, 403, 404, 404, 404, 404, 401],
  reject_by_provider:  [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  cancel:              [202, 403, 202, 403, 202, 202, 403, 403, 403, 404, 404, 404, 404, 401],
  retry:               [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  set_state_executing: [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  set_state_done:      [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  set_state_erred:     [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  // RESOURCE.SET_BACKEND_ID on the offering or its organization: service manager and offering manager too.
  set_backend_id:      [200, 403, 403, 200, 403, 403, 403, 200, 200, 404, 404, 404, 404, 401],
  // Staff only, checked before the lookup: 403 even for an invisible order (quirk 13).
  unlink:              [204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  destroy:             [204, 403, 204, 403, 204, 204, 403, 403, 403, 404, 404, 404, 404, 401],
  update:              [200, 403, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 401],
};

/** Roles that do not see the order at all (their GET is a 404). */
const BLIND: readonly Role[] = ['siblingManager', 'foreignManager', 'consumerServiceManager', 'outsider'];

/** Users of the extra roles, made in `beforeAll`. */
const extra: Partial<Record<Role, TestUser>> = {};

let s: TestServer;
let m: Marketplace;
let slurm: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  await giveOutsiderAnOrganization(s.tdb.db, m);
  const offering = await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' });
  await grant(s.tdb.db, m.offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: offering.id });
  slurm = { ...m, offering };
  const sibling = await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' });
  const elsewhere = await makeOffering(s.tdb.db, (await makeCustomer(s.tdb.db)).id, {
    type: 'Marketplace.Slurm',
  });
  [extra.siblingManager, extra.foreignManager, extra.consumerServiceManager] = await Promise.all([
    makeUser(s.tdb.db),
    makeUser(s.tdb.db),
    makeUser(s.tdb.db),
  ]);
  await grant(s.tdb.db, extra.siblingManager.id, 'OFFERING.MANAGER', { type: 'offering', id: sibling.id });
  await grant(s.tdb.db, extra.foreignManager.id, 'OFFERING.MANAGER', { type: 'offering', id: elsewhere.id });
  await grant(s.tdb.db, extra.consumerServiceManager.id, 'CUSTOMER.MANAGER', {
    type: 'customer',
    id: m.customer.id,
  });
});
afterAll(() => s.close());

const userOf = (role: Role): TestUser | undefined => {
  if (role === 'anonymous') return undefined;
  return role in m ? m[role as keyof Marketplace & Role] : extra[role];
};

/** A fresh order in the state the action needs. */
async function orderFor(c: ActionCase): Promise<OrderView> {
  const market = c.offering === 'slurm' ? slurm : m;
  if (c.setup === 'pending-consumer') return createOrder(s, market, m.projectAdmin);
  const o = await createOrder(s, market, m.owner);
  if (c.setup === 'pending-provider') return o;
  await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
  if (c.setup === 'erred') {
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, { error_message: 'e', error_traceback: '' });
  }
  return o;
}

describe('the order action × role matrix (default permissions)', () => {
  it('covers every action and every role', () => {
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(ROLES.length);
  });

  for (const action of Object.keys(CASES) as Action[]) {
    describe(action, () => {
      ROLES.forEach((role, i) => {
        const status = EXPECTED[action][i] ?? 0;
        it(`${LABEL[role]} gets ${status}`, async () => {
          const c: ActionCase = CASES[action];
          const o = await orderFor(c);
          const before = await orderRow(s.tdb.db, o.uuid);
          const user = userOf(role);
          if (user && BLIND.includes(role)) {
            const seen = await s.request('GET', `/api/marketplace-orders/${o.uuid}/`, { token: user.token });
            expect(seen.status, 'no cross-organization read').toBe(404);
          } else if (user && status !== 404) {
            // §17 d: the ability shown to this caller predicts the answer of the POST.
            const seen = await s.request<{ abilities: Record<string, { allowed: boolean }> }>(
              'GET',
              `/api/marketplace-orders/${o.uuid}/`,
              { token: user.token },
            );
            expect(seen.body.abilities[action]?.allowed, 'abilities').toBe(status < 300);
          }
          const r = await s.request(c.method, `/api/marketplace-orders/${o.uuid}/${c.path}`, {
            token: user?.token,
            ...(c.body === undefined ? {} : { body: c.body }),
          });
          expect(r.status, r.text).toBe(status);
          if (status >= 400) {
            const after = await s.tdb.db
              .selectFrom('orders')
              .selectAll()
              .where('uuid', '=', dashed(o.uuid))
              .executeTakeFirst();
            expect(after).toEqual(before);
          }
        });
      });
    });
  }
});
