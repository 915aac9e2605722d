import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { dashed } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { killGroup, type Spawned, spawnGroup } from '../support/process.js';
import { makeOrder, makeResource } from '../support/resource-factories.js';
import { waitFor } from '../workflows/helpers.js';

// A bulk job of 200 approvals run by a real `orderly worker`, killed with -9 while it is halfway
// (held at the 100th order by a row lock the test owns); the same worker id started again resumes
// the job from its checkpoints, and every order is approved exactly once.
let s: TestServer;
let m: Marketplace;
const running: Spawned[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'orderly-bulk-'));
const N = 200;
const HELD = 99;

beforeAll(async () => {
  // The API process only enqueues; the spawned worker runs the job.
  s = await startTestServer({ workflows: 'enqueue-only' });
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { auto_complete_on_approval: false });
});
afterAll(async () => {
  for (const w of running) killGroup(w);
  await Promise.all(running.map((w) => w.exited));
  await s.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `orderly worker` on the test database under `id` (a spawn may first build dist/). */
function worker(id: string): Spawned {
  const w = spawnGroup('node', ['bin/orderly.js', 'worker'], {
    DATABASE_URL: s.tdb.url,
    ORDERLY_WORKER_ID: id,
    ORDERLY_DATA_DIR: dataDir,
  });
  running.push(w);
  return w;
}

/** Sessions of the worker (through the pool: inside a transaction pg_stat_activity is a snapshot). */
async function workerBackends(lockWaitsOnly = false): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE application_name = 'orderly-bulk-w' AND (${!lockWaitsOnly} OR wait_event_type = 'Lock')`.execute(
    s.tdb.db,
  );
  return r.rows[0]?.n ?? 0;
}
const workerWaitingOnLock = async () => (await workerBackends(true)) === 1;

const alive = (w: Spawned) => {
  if (w.child.exitCode !== null) throw new Error(`worker exited:\n${w.output()}`);
};

describe('a bulk job across a worker killed with -9', () => {
  it('resumes after a restart and approves each of 200 orders exactly once', {
    timeout: 300_000,
  }, async () => {
    const orders: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await makeResource(s.tdb.db, m, { state: 'Creating', creation: null });
      orders.push((await makeOrder(s.tdb.db, m, r, { type: 'Create', state: 'pending-provider' })).uuid);
    }
    const holder = new pg.Client({ connectionString: s.tdb.url });
    holder.on('error', () => undefined);
    await holder.connect();
    try {
      // The job approves orders 0…98, then waits for this row (NO KEY UPDATE: inserts referencing it pass).
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM orders WHERE uuid = $1 FOR NO KEY UPDATE', [orders[HELD]]);
      const post = await s.request<{ uuid: string }>('POST', '/api/marketplace-orders/bulk/', {
        token: m.providerOwner.token,
        body: { action: 'approve_by_provider', orders, reason: 'capacity added' },
      });
      expect(post.status, post.text).toBe(202);
      const job = await s.tdb.db
        .selectFrom('bulk_jobs')
        .select('id')
        .where('uuid', '=', dashed(post.body.uuid))
        .executeTakeFirstOrThrow();
      const outcomes = async () =>
        Object.fromEntries(
          (
            await s.tdb.db
              .selectFrom('bulk_job_items')
              .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
              .where('job_id', '=', job.id)
              .groupBy('outcome')
              .execute()
          ).map((r) => [r.outcome, Number(r.n)]),
        );

      const a = worker('bulk-w');
      await waitFor(
        'the job to stop at the held order',
        async () => {
          alive(a);
          return (await workerWaitingOnLock()) && (await outcomes()).done === HELD;
        },
        120_000,
      );
      killGroup(a);
      await a.exited;
      await holder.query('ROLLBACK');
      await waitFor('the killed worker’s backends to end', async () => (await workerBackends()) === 0);
      expect(await outcomes()).toEqual({ done: HELD, pending: N - HELD });

      // Restarted under the same executor id, the worker recovers its interrupted run at launch.
      const b = worker('bulk-w');
      await waitFor(
        'the job to finish',
        async () => {
          alive(b);
          const r = await s.tdb.db
            .selectFrom('bulk_jobs')
            .select('state')
            .where('id', '=', job.id)
            .executeTakeFirst();
          return r?.state === 'done';
        },
        180_000,
      );
      killGroup(b, 'SIGTERM');
      expect(await b.exited).toBe(0);

      expect(await outcomes()).toEqual({ done: N });
      const perOrder = await holder.query(
        `SELECT o.state,
                (SELECT count(*)::int FROM order_transitions t WHERE t.order_id = o.id AND t.action = 'approve_by_provider') AS approvals,
                (SELECT count(*)::int FROM events e WHERE e.order_id = o.id AND e.event_type = 'marketplace_order_bulk_item') AS bulk_events
         FROM orders o WHERE o.uuid = ANY($1::uuid[])`,
        [orders],
      );
      expect(perOrder.rowCount).toBe(N);
      // Executing (code 2), one approval transition and one audit event naming the job per order.
      expect(
        perOrder.rows.filter((r) => r.state === 2 && r.approvals === 1 && r.bulk_events === 1),
      ).toHaveLength(N);
    } finally {
      await holder.end();
    }
  });
});
