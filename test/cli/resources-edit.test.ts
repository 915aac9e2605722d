import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/modules/resources/domain/end-date.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource, resourceRow, type TestResource } from '../support/resource-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

// `orderly resources set-end-date | edit | set-flag` against a real server.
let s: TestServer;
let m: Marketplace;
let home: string;
let res: TestResource;
const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  home = tempConfigHome();
  res = await makeResource(s.tdb.db, m, { name: 'cli-edit' });
});
afterAll(() => s.close());

describe('orderly resources set-end-date / edit / set-flag', () => {
  it('sets and clears the end date as the consumer owner and as the provider', async () => {
    const end = addDays(today(), 9);
    const r = await orderly(home, ['resources', 'set-end-date', res.hex, end], as(m.owner.token));
    expect(r.code, r.stderr).toBe(0);
    expect((await resourceRow(s.tdb.db, res.id)).end_date).toBe(end);
    const p = await orderly(
      home,
      ['resources', 'set-end-date', res.hex, addDays(today(), 8), '--as', 'provider', '--reason', 'unused'],
      as(m.providerOwner.token),
    );
    expect(p.code, p.stderr).toBe(0);
    const c = await orderly(home, ['resources', 'set-end-date', res.hex, 'none'], as(m.owner.token));
    expect(c.stdout).toContain('cleared');
    expect((await resourceRow(s.tdb.db, res.id)).end_date).toBeNull();
  });

  it('refuses a bad date (usage, exit 2) and a past one (exit 1 with the message)', async () => {
    const bad = await orderly(home, ['resources', 'set-end-date', res.hex, 'soon'], as(m.owner.token));
    expect(bad.code).toBe(2);
    const past = await orderly(home, ['resources', 'set-end-date', res.hex, '2020-01-01'], as(m.owner.token));
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('Cannot be earlier than the current date.');
  });

  it('renames and pauses', async () => {
    const e = await orderly(home, ['resources', 'edit', res.hex, '--name', 'renamed'], as(m.owner.token));
    expect(e.code, e.stderr).toBe(0);
    const f = await orderly(
      home,
      ['resources', 'set-flag', res.hex, 'paused', 'true'],
      as(m.providerOwner.token),
    );
    expect(f.code, f.stderr).toBe(0);
    expect(f.stdout).toContain('has been changed');
    expect(await resourceRow(s.tdb.db, res.id)).toMatchObject({ name: 'renamed', paused: true });
  });
});
