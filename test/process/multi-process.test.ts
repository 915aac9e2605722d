import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../../src/modules/identity/domain/default-roles.js';
import {
  emptyDatabase,
  freePort,
  killGroup,
  type Spawned,
  spawnGroup,
  waitReady,
} from '../support/process.js';

const running: Spawned[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of running) killGroup(s);
  await Promise.all(running.map((s) => s.exited));
  for (const d of drops) await d();
});

function serve(url: string, port: number, extra: Record<string, string> = {}): Spawned {
  const s = spawnGroup('node', ['bin/orderly.js', 'serve', '--no-workers'], {
    DATABASE_URL: url,
    PORT: String(port),
    ORDERLY_BOOTSTRAP_STAFF_TOKEN: 'multi-process-token',
    ...extra,
  });
  running.push(s);
  return s;
}

describe('several processes on one external database', () => {
  it('two API processes started together on an empty database both migrate race-free and serve', async () => {
    const db = await emptyDatabase();
    drops.push(db.drop);
    const [p1, p2] = [await freePort(), await freePort()];
    const a = serve(db.url, p1);
    const b = serve(db.url, p2);
    await Promise.all([
      waitReady(`http://127.0.0.1:${p1}/readyz`, a),
      waitReady(`http://127.0.0.1:${p2}/readyz`, b),
    ]);
    for (const port of [p1, p2]) {
      const r = await fetch(`http://127.0.0.1:${port}/api/users/me/`, {
        headers: { authorization: 'Token multi-process-token' },
      });
      expect(r.status).toBe(200);
    }
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const applied = await c.query('SELECT count(*)::int AS n FROM orderly_migrations');
    const roles = await c.query('SELECT count(*)::int AS n FROM roles');
    const admins = await c.query("SELECT count(*)::int AS n FROM users WHERE username = 'admin'");
    const beats = await c.query('SELECT executor_id FROM process_heartbeats ORDER BY executor_id');
    // No demo data on an external database unless ORDERLY_DEMO=1.
    const customers = await c.query('SELECT count(*)::int AS n FROM customers');
    await c.end();
    expect(applied.rows[0].n).toBeGreaterThan(0);
    expect(roles.rows[0].n).toBe(DEFAULT_ROLES.length);
    expect(admins.rows[0].n).toBe(1);
    expect(customers.rows[0].n).toBe(0);
    expect(beats.rows.map((r: { executor_id: string }) => r.executor_id)).toHaveLength(2);
  });

  it('refuses to start a second live process with the same executor id', async () => {
    const db = await emptyDatabase();
    drops.push(db.drop);
    const [p1, p2] = [await freePort(), await freePort()];
    const a = serve(db.url, p1, { ORDERLY_WORKER_ID: 'api-1' });
    await waitReady(`http://127.0.0.1:${p1}/readyz`, a);
    const b = serve(db.url, p2, { ORDERLY_WORKER_ID: 'api-1' });
    expect(await b.exited).toBe(1);
    expect(b.output()).toContain('executor id "api-1" is in use');
  });

  it('`orderly migrate` applies migrations and exits 0, then reports none pending', async () => {
    const db = await emptyDatabase();
    drops.push(db.drop);
    const first = spawnGroup('node', ['bin/orderly.js', 'migrate'], { DATABASE_URL: db.url });
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('migrations applied: 0001_identity');
    const again = spawnGroup('node', ['bin/orderly.js', 'migrate'], { DATABASE_URL: db.url });
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('none pending');
  });
});
