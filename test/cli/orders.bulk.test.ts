import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, getOrder } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

let s: TestServer;
let m: Marketplace;
let home: string;

const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: false });
  home = tempConfigHome();
  expect((await orderly(home, ['--version'])).code).toBe(0);
});
afterAll(() => s.close());

describe('orderly orders bulk', () => {
  it('waits for the job and prints each order’s outcome; exit 0 when every order was done', async () => {
    const a = await createOrder(s, m, m.owner);
    const b = await createOrder(s, m, m.owner);
    const r = await orderly(
      home,
      ['orders', 'bulk', 'approve_by_provider', a.uuid, b.uuid, '--reason', 'ok'],
      as(m.providerOwner.token),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${a.uuid}\\s+done`));
    expect(r.stdout).toContain('2 done, 0 refused, 0 skipped');
    for (const o of [a, b]) expect((await getOrder(s, o.uuid, m.staff)).state).toBe('executing');
  });

  it('a refused order makes exit 1, with its problem code; --json prints the job', async () => {
    const pending = await createOrder(s, m, m.projectAdmin);
    const r = await orderly(
      home,
      ['orders', 'bulk', 'approve_by_provider', pending.uuid, '--json'],
      as(m.providerOwner.token),
    );
    expect(r.code).toBe(1);
    const job = JSON.parse(r.stdout) as { state: string; items: { outcome: string; code: string }[] };
    expect(job.state).toBe('done');
    expect(job.items).toEqual([expect.objectContaining({ outcome: 'refused', code: 'order.invalid_state' })]);
  });

  it('an unknown action or a malformed uuid is a usage error (exit 2)', async () => {
    expect(
      (await orderly(home, ['orders', 'bulk', 'approve', m.offering.uuid], as(m.staff.token))).code,
    ).toBe(2);
    expect((await orderly(home, ['orders', 'bulk', 'cancel', 'nope'], as(m.staff.token))).code).toBe(2);
  });
});
