import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/modules/audit/app/record-event.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { freePort, killGroup, type Spawned, spawnGroup, waitReady } from '../support/process.js';
import { idsOf, openSse, type SseClient } from '../support/sse.js';
import { waitFor } from '../workflows/helpers.js';

const running: Spawned[] = [];
const clients: SseClient[] = [];
let tdb: TestDatabase;
let dataDir: string;
let basic: Marketplace;
let script: Marketplace;
let apiA = '';
let apiB = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  basic = await makeMarketplace(tdb.db);
  script = await makeMarketplace(tdb.db, 'Marketplace.Script');
  await tdb.db
    .updateTable('offerings')
    .set({ secret_options: { language: 'shell', create: 'echo vm-1', delete: 'echo bye' } })
    .where('id', '=', script.offering.id)
    .execute();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-sse-'));
  const env = {
    DATABASE_URL: tdb.url,
    ORDERLY_DATA_DIR: dataDir,
    ORDERLY_DEMO: '0',
    ORDERLY_SSE_HEARTBEAT: '1',
    ORDERLY_SSE_POLL_INTERVAL: '0.2',
  };
  const [pa, pb] = [await freePort(), await freePort()];
  const a = spawnGroup('node', ['bin/orderly.js', 'serve', '--no-workers'], {
    ...env,
    PORT: String(pa),
    ORDERLY_WORKER_ID: 'api-a',
  });
  const b = spawnGroup('node', ['bin/orderly.js', 'serve', '--no-workers'], {
    ...env,
    PORT: String(pb),
    ORDERLY_WORKER_ID: 'api-b',
  });
  const w = spawnGroup('node', ['bin/orderly.js', 'worker'], { ...env, ORDERLY_WORKER_ID: 'worker-w' });
  running.push(a, b, w);
  apiA = `http://127.0.0.1:${pa}`;
  apiB = `http://127.0.0.1:${pb}`;
  await Promise.all([waitReady(`${apiA}/readyz`, a), waitReady(`${apiB}/readyz`, b)]);
  await waitFor('the worker', async () => w.output().includes('(worker) ready'), 60_000);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of running) killGroup(s);
  await Promise.all(running.map((s) => s.exited));
  await tdb.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function call<T>(method: string, url: string, token: string, body?: unknown): Promise<T> {
  const r = await fetch(url, {
    method,
    headers: { authorization: `Token ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(r.status, `${method} ${url}`).toBeLessThan(300);
  return (await r.json()) as T;
}

/** Through process A: a Basic order approved there, and a Script order the worker process completes. */
async function causeEvents(): Promise<void> {
  const o = await call<{ uuid: string }>(
    'POST',
    `${apiA}/api/marketplace-orders/`,
    basic.owner.token,
    orderBody(apiA, basic),
  );
  await call(
    'POST',
    `${apiA}/api/marketplace-orders/${o.uuid}/approve_by_provider/`,
    basic.providerOwner.token,
    {},
  );
  const s = await call<{ uuid: string; state: string }>(
    'POST',
    `${apiA}/api/marketplace-orders/`,
    script.owner.token,
    orderBody(apiA, script),
  );
  expect(s.state).toBe('executing');
  await waitFor('the worker to complete the script order', async () => {
    const r = await call<{ state: string }>(
      'GET',
      `${apiA}/api/marketplace-orders/${s.uuid}/`,
      script.owner.token,
    );
    return r.state === 'done';
  });
}

/** Every event after `afterId`, in the stream's order (commit order). */
async function logAfter(afterId: number): Promise<{ id: number; event_type: string }[]> {
  const r = await sql<{ id: number; event_type: string }>`
    SELECT id::int, event_type FROM events WHERE id > ${afterId} ORDER BY tx_id, id`.execute(tdb.db);
  return r.rows;
}

async function stream(base: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const c = await openSse(`${base}/api/events/stream`, {
    authorization: `Token ${basic.staff.token}`,
    ...headers,
  });
  clients.push(c);
  expect(c.status).toBe(200);
  await waitFor('the stream to start', async () => c.retry !== undefined);
  return c;
}

describe('the live event stream across processes', () => {
  it('delivers events written by an API process and a worker to another API process, and resumes exactly', async () => {
    const first = await stream(apiB);
    const baseline =
      (
        await tdb.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0;
    await causeEvents();
    const seen = await logAfter(Number(baseline));
    // The Script order's completion is recorded by the worker process's workflow.
    expect(seen.map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['marketplace_order_completed', 'marketplace_resource_create_succeeded']),
    );
    await waitFor('the first events on B', async () => first.messages.length >= seen.length, 60_000);
    expect(idsOf(first)).toEqual(seen.map((e) => e.id));
    await waitFor('a heartbeat', async () => first.comments.includes('heartbeat'));
    first.close();
    await first.ended;

    const lastSeen = idsOf(first).at(-1)!;
    await causeEvents();
    await tdb.db.transaction().execute((tx) =>
      recordEvent(tx, {
        type: 'sentinel',
        message: 'end of the test',
        scopes: { customerId: basic.customer.id },
      }),
    );
    const missed = (await logAfter(Number(baseline)))
      .map((e) => e.id)
      .filter((id) => !idsOf(first).includes(id));
    expect(missed.length).toBeGreaterThan(8);
    const resumed: SseClient[] = [];
    for (const base of [apiB, apiA]) {
      const again = await stream(base, { 'last-event-id': String(lastSeen) });
      await waitFor(
        `the missed events on ${base}`,
        async () => again.messages.some((x) => JSON.parse(x.data).event_type === 'sentinel'),
        60_000,
      );
      expect(idsOf(again)).toEqual(missed);
      resumed.push(again);
    }

    // An open stream does not hold up a graceful shutdown: SIGTERM ends it and the process exits 0.
    const b = running[1]!;
    process.kill(b.child.pid ?? 0, 'SIGTERM');
    await resumed[0]!.ended;
    expect(await b.exited).toBe(0);
  }, 180_000);
});
