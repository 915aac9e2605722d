import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

// `orderly plans list|archive|delete|set-prices|set-quotas`: a provider manages its plans.
let s: TestServer;
let m: Marketplace;
let home: string;
const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  home = tempConfigHome();
});
afterAll(() => s.close());

describe('orderly plans', () => {
  it('list, set-prices, archive; delete of an unused plan', async () => {
    const plan = m.offering.plan.uuid;
    const list = await orderly(
      home,
      ['plans', 'list', '--offering', m.offering.uuid, '--json'],
      as(m.providerOwner.token),
    );
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).map((p: { uuid: string }) => p.uuid)).toContain(plan.replace(/-/g, ''));
    const prices = await orderly(
      home,
      ['plans', 'set-prices', plan, 'cpu=2.5', '--json'],
      as(m.providerOwner.token),
    );
    expect(prices.code, prices.stderr).toBe(0);
    expect(JSON.parse(prices.stdout).prices).toEqual({ cpu: 2.5 });
    const archived = await orderly(home, ['plans', 'archive', plan], as(m.providerOwner.token));
    expect(archived.code, archived.stderr).toBe(0);
    expect(archived.stdout).toContain('Plan has been archived.');
    const fresh = await s.tdb.db
      .insertInto('plans')
      .values({ offering_id: m.offering.id, name: 'Spare', unit_price: '0' })
      .returning('uuid')
      .executeTakeFirstOrThrow();
    const del = await orderly(home, ['plans', 'delete', fresh.uuid], as(m.providerOwner.token));
    expect(del.code, del.stderr).toBe(0);
  });

  it('malformed pairs exit 2; a plan in use cannot be deleted (exit 1); no permission exits 4', async () => {
    const plan = m.offering.plan.uuid;
    expect((await orderly(home, ['plans', 'set-prices', plan, 'cpu'], as(m.staff.token))).code).toBe(2);
    expect((await orderly(home, ['plans', 'set-quotas', plan, 'cpu=1.5'], as(m.staff.token))).code).toBe(2);
    await s.tdb.db
      .insertInto('resources')
      .values({
        offering_id: m.offering.id,
        project_id: m.project.id,
        plan_id: m.offering.plan.id,
        name: 'r',
        limits: {},
      })
      .execute();
    const used = await orderly(home, ['plans', 'delete', plan], as(m.providerOwner.token));
    expect(used.code).not.toBe(0);
    expect(used.stderr).toContain('used by orders or resources');
    const denied = await orderly(home, ['plans', 'archive', plan], as(m.offeringManager.token));
    expect(denied.code).toBe(4);
  });
});
