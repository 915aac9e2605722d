import { spawn } from 'node:child_process';
import os from 'node:os';
import { DBOSClient } from '@dbos-inc/dbos-sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/database.js';
import { APPLICATION_NAME, type WorkflowEngine } from '../../src/platform/workflows/index.js';
import {
  SWEEP_LOCK_KEY,
  type SweepOptions,
  sweepDeadExecutors,
} from '../../src/platform/workflows/sweeper.js';
import { systemDatabaseUrl } from '../../src/platform/workflows/system-schema.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { countEffects, createEffectTables, testWorkflows } from './fixtures/workflows.js';
import { inProcessEngine, TEST_VERSION, testLogger, waitForStatus } from './helpers.js';

let t: TestDatabase;
let api: WorkflowEngine;
let stopApi: () => Promise<void>;
let wf: ReturnType<typeof testWorkflows>;
const clients: DBOSClient[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await createEffectTables(t.db);
  wf = testWorkflows(t.db);
  // Enqueue-only: no sweeper of its own runs in this process until a test starts a worker.
  ({ engine: api, stop: stopApi } = await inProcessEngine(t, 'sweeper-api', false, wf.all));
});

afterAll(async () => {
  for (const c of clients) await c.destroy();
  await stopApi?.();
  await t?.drop();
});

/** Sweep options as a worker process `executorId` would use them. */
async function sweepAs(executorId: string): Promise<SweepOptions> {
  const client = await DBOSClient.create({
    systemDatabaseUrl: systemDatabaseUrl(t.url),
    applicationName: APPLICATION_NAME,
    systemDatabasePoolSize: 2,
  });
  clients.push(client);
  return {
    db: t.db,
    client,
    executorId,
    applicationVersion: TEST_VERSION,
    applicationName: APPLICATION_NAME,
    queueFor: () => 'orderly',
    logger: testLogger,
  };
}

/** Enqueues a workflow and makes it look claimed by `executorId` (as if that process then died). */
async function pendingOf(id: string, executorId: string, version = TEST_VERSION): Promise<void> {
  await inTransaction(t.db, (tx) =>
    api.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: id } }),
  );
  await sql`UPDATE dbos.workflow_status
     SET status = 'PENDING', executor_id = ${executorId}, application_version = ${version},
         owner_xid = 'claimed-by-' || ${executorId}, started_at_epoch_ms = (extract(epoch from now()) * 1000)::bigint
   WHERE workflow_uuid = ${id}`.execute(t.db);
}

/** Registers a heartbeat row as `process_heartbeats` would hold it. */
async function beat(executorId: string, hostname: string, pid: number, ageMs: number): Promise<void> {
  await sql`INSERT INTO process_heartbeats (executor_id, role, hostname, pid, instance, heartbeat_at)
    VALUES (${executorId}, 'worker', ${hostname}, ${pid}, gen_random_uuid(), now() - ${ageMs} * interval '1 millisecond')`.execute(
    t.db,
  );
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 0;
}

describe('sweeper for workflows of dead executors', () => {
  it('sweeps dead executors only: no heartbeat, stale heartbeat, or a dead pid on this host', async () => {
    const here = os.hostname();
    await beat('alive-elsewhere', 'other-host', 1, 0);
    await beat('stale-elsewhere', 'other-host', 1, 60_000);
    await beat('alive-here', here, process.pid, 0);
    await beat('dead-here', here, await deadPid(), 0);
    await pendingOf('w-no-heartbeat', 'gone');
    await pendingOf('w-alive-elsewhere', 'alive-elsewhere');
    await pendingOf('w-stale-elsewhere', 'stale-elsewhere');
    await pendingOf('w-alive-here', 'alive-here');
    await pendingOf('w-dead-here', 'dead-here');
    await pendingOf('w-other-version', 'gone', 'some-other-version');
    await pendingOf('w-mine', 'sweeper-1');

    const swept = await sweepDeadExecutors(await sweepAs('sweeper-1'));
    expect(swept.sort()).toEqual(['w-dead-here', 'w-no-heartbeat', 'w-stale-elsewhere']);
    for (const id of swept) expect((await api.getStatus(id))?.status).toBe('enqueued');
    for (const id of ['w-alive-elsewhere', 'w-alive-here', 'w-other-version', 'w-mine']) {
      expect((await api.getStatus(id))?.status).toBe('running');
    }
    // Nothing is left to sweep once handed back.
    expect(await sweepDeadExecutors(await sweepAs('sweeper-1'))).toEqual([]);
    // Tidy up the runs no live worker may take, so the next test's worker leaves them alone.
    for (const id of ['w-alive-elsewhere', 'w-alive-here', 'w-other-version', 'w-mine', ...swept]) {
      await api.cancel(id);
    }
  });

  it('hands a workflow back exactly once when two sweepers race; a live worker then runs it', async () => {
    const id = 'w-raced';
    await pendingOf(id, 'crashed-worker');
    const [s1, s2] = await Promise.all([sweepAs('sweeper-a'), sweepAs('sweeper-b')]);
    // While another process holds the sweep lock, a pass does nothing.
    await inTransaction(t.db, async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${SWEEP_LOCK_KEY})`.execute(tx);
      expect(await sweepDeadExecutors(s1)).toEqual([]);
    });
    const results = await Promise.all([sweepDeadExecutors(s1), sweepDeadExecutors(s2)]);
    expect(results.flat()).toEqual([id]);

    const worker = await inProcessEngine(t, 'live-worker', true, wf.all);
    try {
      const s = await waitForStatus(api, id, 'succeeded');
      // The resume re-assigned the run: the live process claimed and finished it.
      expect(s.executorId).toBe('live-worker');
      expect(s.output).toBe(`${id}:3`);
      expect(await countEffects(t.db, id, 'a')).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
