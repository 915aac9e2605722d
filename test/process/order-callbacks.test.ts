import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from '../support/callback-receiver.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, expectAct, getOrder } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { killGroup, type Spawned, spawnGroup } from '../support/process.js';
import { waitFor } from '../workflows/helpers.js';

let s: TestServer;
let m: Marketplace;
let rx: CallbackReceiver;
const running: Spawned[] = [];
// One data folder, so both workers open key material with the same secret key.
const dataDir = mkdtempSync(path.join(tmpdir(), 'orderly-cb-'));

beforeAll(async () => {
  // The API process runs no jobs: only the spawned `orderly worker` processes send callbacks.
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: true });
  rx = await startCallbackReceiver();
});
afterAll(async () => {
  for (const w of running) killGroup(w);
  await Promise.all(running.map((w) => w.exited));
  await rx.close();
  await s.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A real `orderly worker` on the test database, sending callbacks ten times a second. The waits
 * below are deadlines, not delays: a spawn may first build dist/ (bin/orderly.js).
 */
function worker(id: string): Spawned {
  const w = spawnGroup('node', ['bin/orderly.js', 'worker'], {
    DATABASE_URL: s.tdb.url,
    ORDERLY_WORKER_ID: id,
    ORDERLY_DATA_DIR: dataDir,
    ORDERLY_HOOKS_ALLOW_PRIVATE: '1',
    ORDERLY_HOOKS_INTERVAL: '0.1',
    ORDERLY_HOOKS_RETRY_BASE: '0.2',
    ORDERLY_HOOKS_MAX_ATTEMPTS: '50',
    ORDERLY_HOOKS_TIMEOUT: '1',
  });
  running.push(w);
  return w;
}

const alive = (w: Spawned) => {
  if (w.child.exitCode !== null) throw new Error(`worker exited:\n${w.output()}`);
};

describe('order callbacks across a worker killed with -9', () => {
  it('a new worker process delivers every change the killed one was still retrying, in order', async () => {
    rx.failNext('/proc', 1_000_000);
    const created = await createOrder(s, m, m.owner, { callback_url: `${rx.url}/proc` });
    await expectAct(s, created.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    expect((await getOrder(s, created.uuid, m.staff)).state).toBe('done');

    const a = worker('callbacks-a');
    await waitFor(
      'worker A to retry the first change',
      async () => {
        alive(a);
        return rx.received.filter((r) => r.path === '/proc').length >= 3;
      },
      150_000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${a.output()}`);
    });
    killGroup(a);
    await a.exited;
    expect(rx.accepted('/proc')).toEqual([]);
    rx.failNext('/proc', 0);

    const b = worker('callbacks-b');
    const sent = await waitFor(
      'worker B to deliver all four changes',
      async () => {
        alive(b);
        const got = rx.accepted('/proc');
        return got.length >= 4 ? got : undefined;
      },
      120_000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${b.output()}`);
    });
    expect(sent.map((x) => x.state)).toEqual(['pending-consumer', 'pending-provider', 'executing', 'done']);
    const rows = await s.tdb.db
      .selectFrom('order_callbacks as c')
      .innerJoin('orders as o', 'o.id', 'c.order_id')
      .select(['c.state'])
      .where('o.uuid', '=', created.uuid)
      .orderBy('c.id')
      .execute();
    expect(rows.map((r) => r.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    // A kill between claim and record leaves a lease (timeout + 30 s) to run out first.
  }, 330_000);
});
