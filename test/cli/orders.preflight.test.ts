import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { rowCounts } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

let s: TestServer;
let m: Marketplace;
let home: string;
let base: string[];

const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  home = tempConfigHome();
  expect((await orderly(home, ['--version'])).code).toBe(0);
  base = [
    'orders',
    'preflight',
    '--project',
    m.project.uuid,
    '--offering',
    m.offering.uuid,
    '--plan',
    m.offering.plan.uuid,
  ];
});
afterAll(() => s.close());

describe('orderly orders preflight', () => {
  it('prints the verdict, approval path and headroom, exits 0, and creates nothing', async () => {
    const before = await rowCounts(s.tdb.db);
    const r = await orderly(home, [...base, '--name', 'vm-1', '--limit', 'cpu=2'], as(m.projectAdmin.token));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('accepted: the order would be created in state pending-consumer');
    expect(r.stdout).toMatch(/consumer_review\s+waits\s+\S*/);
    expect(r.stdout).toContain(m.owner.username);
    expect(r.stdout).toContain('cpu: requested 2');
    expect(await rowCounts(s.tdb.db)).toEqual(before);
  });

  it('--json gives the API answer; a refused order exits 1 with the problem code', async () => {
    const r = await orderly(home, [...base, '--limit', 'cpu=5000', '--json'], as(m.owner.token));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.stdout) as { accepted: boolean; problem: { code: string } };
    expect(v).toMatchObject({ accepted: false, problem: { code: 'order.invalid_limits' } });
    const text = await orderly(home, [...base, '--limit', 'cpu=5000'], as(m.owner.token));
    expect(text.stdout).toContain('order.invalid_limits');
    expect(text.stdout).toContain('/body/limits/cpu');
  });

  it('bad arguments are usage errors (exit 2)', async () => {
    expect(
      (
        await orderly(
          home,
          ['orders', 'preflight', '--project', 'x', '--offering', m.offering.uuid],
          as(m.owner.token),
        )
      ).code,
    ).toBe(2);
    expect((await orderly(home, [...base, '--limit', 'cpu'], as(m.owner.token))).code).toBe(2);
    expect((await orderly(home, [...base, '--limit', 'cpu=lots'], as(m.owner.token))).code).toBe(2);
  });
});
