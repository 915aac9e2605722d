import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configPath } from '../../src/cli/client/config.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { approvedOrder, createOrder, expectAct, getOrder } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { orderly, tempConfigHome } from './helpers.js';

let s: TestServer;
let m: Marketplace;
let home: string;

const as = (token: string) => ({ ORDERLY_URL: s.url, ORDERLY_TOKEN: token });

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  home = tempConfigHome();
  // Builds dist/ on a fresh clone (hook timeout), so the tests time only the commands.
  expect((await orderly(home, ['--version'])).code).toBe(0);
});
afterAll(() => s.close());

describe('orderly login', () => {
  it('checks the token and stores URL and token with mode 0600', async () => {
    const r = await orderly(home, ['login', '--url', s.url, '--token', m.providerOwner.token]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`as ${m.providerOwner.username}`);
    process.env.XDG_CONFIG_HOME = home;
    const file = configPath();
    delete process.env.XDG_CONFIG_HOME;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ url: s.url, token: m.providerOwner.token });
  });

  it('refuses a wrong token with exit 4 and stores nothing', async () => {
    const other = tempConfigHome();
    const r = await orderly(other, ['login', '--url', s.url, '--token', 'nope']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/HTTP 401/);
    expect(fs.existsSync(`${other}/orderly/config.json`)).toBe(false);
  });
});

describe('orderly orders (logged in as the provider owner)', () => {
  it('lists with filters; --json parses', async () => {
    const pending = await createOrder(s, m, m.owner);
    const executing = await approvedOrder(s, m);
    const r = await orderly(home, ['orders', 'list', '--state', 'pending-provider', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { uuid: string; state: string }[];
    expect(rows.map((x) => x.uuid)).toContain(pending.uuid);
    expect(rows.map((x) => x.uuid)).not.toContain(executing.uuid);
    expect(rows.every((x) => x.state === 'pending-provider')).toBe(true);
    const table = await orderly(home, ['orders', 'list', '--state', 'executing']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^UUID\s+STATE/);
    expect(table.stdout).toContain(executing.uuid);
  });

  it('approves a pending order (as the provider, chosen from its state)', async () => {
    const o = await createOrder(s, m, m.owner);
    const r = await orderly(home, ['orders', 'approve', o.uuid, '--reason', 'looks fine']);
    expect(r.code, r.stderr).toBe(0);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('executing');
  });

  it('retries an erred Slurm order; show --json reports executing', async () => {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, { error_message: 'boom' });
    const r = await orderly(home, ['orders', 'retry', o.uuid, '--reason', 'fixed', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ detail: 'Order has been submitted for retry.' });
    const show = await orderly(home, ['orders', 'show', o.uuid, '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ uuid: o.uuid, state: 'executing', error_message: '' });
  });

  it('watch exits 0 when the order is done and 1 when it erred', async () => {
    const done = await approvedOrder(s, m);
    await expectAct(s, done.uuid, 'set_state_done', m.staff, 200);
    const w = await orderly(home, ['orders', 'watch', done.uuid]);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/state\s+done/);
    const erred = await approvedOrder(s, m);
    await expectAct(s, erred.uuid, 'set_state_erred', m.staff, 200, { error_message: 'boom' });
    const e = await orderly(home, ['orders', 'watch', erred.uuid, '--json']);
    expect(e.code).toBe(1);
    const lines = e.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; state?: string });
    expect(lines.at(-1)).toMatchObject({ kind: 'state', state: 'erred' });
  });
});

describe('exit codes', () => {
  it('2 for bad usage: unknown subcommand, missing argument, malformed uuid', async () => {
    for (const args of [
      ['orders', 'bogus'],
      ['orders', 'show'],
      ['orders', 'show', 'not-a-uuid'],
      ['login'],
    ]) {
      const r = await orderly(home, args);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });

  it('0 for --help', async () => {
    const r = await orderly(home, ['tenants', 'watch', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--json');
  });

  it('3 for an unknown uuid, with the problem in words', async () => {
    const r = await orderly(home, ['orders', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HTTP 404/);
  });

  it('4 for a forbidden action: a consumer may not retry', async () => {
    const o = await approvedOrder(s, m);
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, { error_message: 'boom' });
    const r = await orderly(home, ['orders', 'retry', o.uuid], as(m.projectAdmin.token));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/HTTP 403/);
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('erred');
  });

  it('1 for a refused action: retrying an order that is not erred (409)', async () => {
    const o = await approvedOrder(s, m);
    const r = await orderly(home, ['orders', 'retry', o.uuid]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Valid states for operation: erred.');
  });
});
