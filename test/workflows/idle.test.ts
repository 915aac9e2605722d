import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/database.js';
import { startHeartbeat } from '../../src/platform/process/heartbeat.js';
import { DBOS_HOUSEKEEPING_MS, dbosHousekeepingCadence } from '../../src/platform/workflows/dbos-loops.js';
import { DEFAULT_QUEUE } from '../../src/platform/workflows/define.js';
import { ENQUEUED_CHANNEL } from '../../src/platform/workflows/enqueue-notify.js';
import { startWorkflowEngine, type WorkflowEngine } from '../../src/platform/workflows/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createEffectTables, testWorkflows } from './fixtures/workflows.js';
import { TEST_VERSION, testLogger, waitFor, waitForStatus } from './helpers.js';

const HOUR = 3_600_000;
let t: TestDatabase;
let engine: WorkflowEngine;
let stop: () => Promise<void>;
let wf: ReturnType<typeof testWorkflows>;

// A worker whose queues poll once an hour, busy or idle: only the enqueue trigger's NOTIFY can make it
// start a workflow in time.
beforeAll(async () => {
  t = await createTestDatabase();
  await createEffectTables(t.db);
  wf = testWorkflows(t.db);
  const heartbeat = await startHeartbeat(t.db, 'idle-worker', 'worker', testLogger);
  engine = await startWorkflowEngine({
    db: t.db,
    databaseUrl: t.url,
    executorId: 'idle-worker',
    applicationVersion: TEST_VERSION,
    logger: testLogger,
    workers: true,
    workflows: wf.all,
    pollingIntervalMs: HOUR,
    idlePollingIntervalMs: HOUR,
  });
  stop = async () => {
    await engine.stop();
    await heartbeat.stop();
  };
  // The listener's first LISTEN triggers one catch-up poll; enqueue only after it is in place.
  await waitFor('the queue listener', async () => {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = ${`orderly-listen-${ENQUEUED_CHANNEL}`} AND query ILIKE 'LISTEN%'`.execute(
      t.db,
    );
    return (r.rows[0]?.n ?? 0) > 0;
  });
});

afterAll(async () => {
  await stop?.();
  await t?.drop();
});

describe('an idle worker is woken by the enqueue, not by polling', () => {
  it('notifies the queue name when an enqueue commits', async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const got = new Promise<string>((resolve) =>
        client.on('notification', (n) => resolve(`${n.channel}:${n.payload}`)),
      );
      await client.query(`LISTEN ${ENQUEUED_CHANNEL}`);
      await inTransaction(t.db, (tx) =>
        engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: 'idle-notify-1', args: { label: 'n' } }),
      );
      expect(await got).toBe(`${ENQUEUED_CHANNEL}:${DEFAULT_QUEUE.name}`);
      await waitForStatus(engine, 'idle-notify-1', 'succeeded');
    } finally {
      await client.end();
    }
  });

  it('starts each enqueued workflow though the queue polls hourly', async () => {
    for (const id of ['idle-wake-1', 'idle-wake-2']) {
      await inTransaction(t.db, (tx) =>
        engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: id } }),
      );
      expect((await waitForStatus(engine, id, 'succeeded')).output).toBe(`${id}:3`);
    }
  });

  it('slows DBOS’s once-a-second housekeeping loops and internal-queue poll', () => {
    expect(dbosHousekeepingCadence()).toEqual({
      reconcileIntervalMs: DBOS_HOUSEKEEPING_MS,
      transitionIntervalMs: DBOS_HOUSEKEEPING_MS,
      timeoutSweepMs: DBOS_HOUSEKEEPING_MS,
      internalQueueMs: DBOS_HOUSEKEEPING_MS,
    });
  });
});
