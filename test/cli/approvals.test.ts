import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

// `orderly approvals sla show|set`: the approval SLA of an offering or a provider organization.
let s: TestServer;
let m: Marketplace;
let home: string;
const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  home = tempConfigHome();
  expect((await orderly(home, ['--version'])).code).toBe(0);
});
afterAll(() => s.close());

describe('orderly approvals sla', () => {
  it('set keeps the flags left out; show prints the settings', async () => {
    const a = await orderly(
      home,
      ['approvals', 'sla', 'set', '--offering', m.offering.uuid, '--escalate-after', '8'],
      as(m.offeringManager.token),
    );
    expect(a.code, a.stderr).toBe(0);
    const b = await orderly(
      home,
      ['approvals', 'sla', 'set', '--offering', m.offering.uuid, '--digest', 'on', '--json'],
      as(m.offeringManager.token),
    );
    expect(JSON.parse(b.stdout)).toEqual({ escalate_after_hours: 8, daily_digest: true });
    const c = await orderly(
      home,
      ['approvals', 'sla', 'show', '--customer', m.provider.uuid],
      as(m.providerOwner.token),
    );
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/escalate_after_hours:\s+\n/);
    expect(c.stdout).toMatch(/daily_digest:\s+false/);
  });

  it('usage errors exit 2; no permission exits 4', async () => {
    const both = await orderly(home, ['approvals', 'sla', 'show'], as(m.staff.token));
    expect(both.code).toBe(2);
    const bad = await orderly(
      home,
      ['approvals', 'sla', 'set', '--customer', m.provider.uuid, '--digest', 'maybe'],
      as(m.staff.token),
    );
    expect(bad.code).toBe(2);
    const denied = await orderly(
      home,
      ['approvals', 'sla', 'set', '--customer', m.provider.uuid, '--digest', 'on'],
      as(m.customerManager.token),
    );
    expect(denied.code).toBe(4);
  });
});
