import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftJobs } from '../../src/modules/drift/adapters/jobs/drift-jobs.js';
import { inTransaction } from '../../src/platform/db/database.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, resourceRow, type TestResource } from '../support/resource-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

// `orderly resources drift`: the provider's drift list, and `--repair UUID --reason TEXT`.
let s: TestServer;
let m: Marketplace;
let home: string;
let res: TestResource;
const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  home = tempConfigHome();
  res = await makeResource(s.tdb.db, m, { name: 'cli-drift', state: 'Updating' });
  await makeOrder(s.tdb.db, m, res, { type: 'Update', state: 'done' });
  const [job] = driftJobs(60_000);
  await inTransaction(s.tdb.db, (tx) => job!.run(tx, new Date()));
  expect((await orderly(home, ['--version'])).code).toBe(0);
});
afterAll(() => s.close());

describe('orderly resources drift', () => {
  it('lists drifted resources with the rule and the repair target', async () => {
    const r = await orderly(home, ['resources', 'drift'], as(m.providerOwner.token));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/REPAIR TO\s+RULE/);
    expect(r.stdout).toContain(res.hex);
    expect(r.stdout).toContain('order_done_resource_in_progress');
    const json = await orderly(home, ['resources', 'drift', '--json'], as(m.providerOwner.token));
    expect(JSON.parse(json.stdout)[0].drift.expected_state).toBe('OK');
  });

  it('--repair needs --reason (usage, exit 2); an outsider gets exit 3', async () => {
    const r = await orderly(home, ['resources', 'drift', '--repair', res.hex], as(m.providerOwner.token));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reason');
    const o = await orderly(
      home,
      ['resources', 'drift', '--repair', res.hex, '--reason', 'x'],
      as(m.outsider.token),
    );
    expect(o.code).toBe(3);
  });

  it('--repair applies the repair and reports it', async () => {
    const r = await orderly(
      home,
      ['resources', 'drift', '--repair', res.hex, '--reason', 'order was done'],
      as(m.providerOwner.token),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Updating → OK');
    expect((await resourceRow(s.tdb.db, res.id)).state).toBe(2);
  });

  it('a second repair fails with the problem code (exit 1)', async () => {
    const again = await orderly(
      home,
      ['resources', 'drift', '--repair', res.hex, '--reason', 'again'],
      as(m.providerOwner.token),
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('resource.no_drift');
  });
});
