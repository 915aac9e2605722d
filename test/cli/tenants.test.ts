import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import type { Marketplace } from '../support/order-factories.js';
import { makeTenantMarketplace, slug, startTenant } from '../tenants/helpers.js';
import { orderly, tempConfigHome } from './helpers.js';

let s: TestServer;
let m: Marketplace;
let home: string;

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeTenantMarketplace(s.tdb.db);
  home = tempConfigHome();
  // Builds dist/ on a fresh clone (hook timeout), so the tests time only the commands.
  expect((await orderly(home, ['--version'])).code).toBe(0);
  const r = await orderly(home, ['login', '--url', s.url, '--token', m.staff.token]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => s.close());

describe('orderly tenants', () => {
  it('watch follows a tenant step by step to Active and exits 0 (plain lines when not a TTY)', async () => {
    const t = await startTenant(s, m, m.owner, slug('cli'));
    const r = await orderly(home, ['tenants', 'watch', t.uuid]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toMatch(/step\s+activate completed/);
    expect(r.stdout).toMatch(/state\s+Active/);
    const show = await orderly(home, ['tenants', 'show', t.uuid, '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ uuid: t.uuid, state: 'Active', current_run: null });
    const list = await orderly(home, ['tenants', 'list', '--state', 'Active', '--json']);
    expect((JSON.parse(list.stdout) as { uuid: string }[]).map((x) => x.uuid)).toContain(t.uuid);
  });

  it('3 for an unknown tenant, 2 for decommission without --reason', async () => {
    const unknown = await orderly(home, ['tenants', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(3);
    const noReason = await orderly(home, ['tenants', 'decommission', '00000000-0000-4000-8000-000000000000']);
    expect(noReason.code).toBe(2);
  });
});
