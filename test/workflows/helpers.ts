import { pino } from 'pino';
import { type Heartbeat, startHeartbeat } from '../../src/platform/process/heartbeat.js';
import {
  type AnyWorkflow,
  startWorkflowEngine,
  type WorkflowEngine,
  type WorkflowRunStatus,
  type WorkflowState,
} from '../../src/platform/workflows/index.js';
import type { TestDatabase } from '../support/db.js';
import { type Spawned, spawnGroup } from '../support/process.js';

/** Version the tests stamp on their workflows (the spawned worker fixture uses the same). */
export const TEST_VERSION = 'test';

/** Logger of in-process engines: silent unless LOG_LEVEL asks (retries log warnings by design). */
export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

/**
 * Polls `probe` every 25 ms until it returns something other than undefined/false; fails after a
 * generous deadline. Tests wait on conditions, never on fixed sleeps.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the workflow reaches `status`; returns its state. */
export function waitForStatus(
  engine: WorkflowEngine,
  workflowId: string,
  status: WorkflowRunStatus,
  timeoutMs?: number,
): Promise<WorkflowState> {
  return waitFor(
    `${workflowId} to be ${status}`,
    async () => {
      const s = await engine.getStatus(workflowId);
      if (s && s.status !== status && ['succeeded', 'failed', 'cancelled', 'dead'].includes(s.status)) {
        throw new Error(`${workflowId} ended ${s.status} (${s.error ?? ''}), expected ${status}`);
      }
      return s?.status === status ? s : undefined;
    },
    timeoutMs,
  );
}

/** An engine in this process, with the heartbeat a worker needs so that no sweeper takes its work. */
export async function inProcessEngine(
  t: TestDatabase,
  executorId: string,
  workers: boolean,
  workflows: readonly AnyWorkflow[],
): Promise<{ engine: WorkflowEngine; stop: () => Promise<void> }> {
  const heartbeat: Heartbeat | undefined = workers
    ? await startHeartbeat(t.db, executorId, 'worker', testLogger)
    : undefined;
  const engine = await startWorkflowEngine({
    db: t.db,
    databaseUrl: t.url,
    executorId,
    applicationVersion: TEST_VERSION,
    logger: testLogger,
    workers,
    workflows,
  });
  return {
    engine,
    stop: async () => {
      await engine.stop();
      await heartbeat?.stop();
    },
  };
}

/** Spawns the worker fixture under `executorId` and waits until it takes work. */
export async function spawnWorker(databaseUrl: string, executorId: string): Promise<Spawned> {
  const s = spawnGroup('node', ['--import', 'tsx', 'test/workflows/fixtures/worker.ts'], {
    DATABASE_URL: databaseUrl,
    EXECUTOR_ID: executorId,
  });
  await waitFor(`worker ${executorId} to start`, async () => {
    if (s.child.exitCode !== null) throw new Error(`worker ${executorId} exited:\n${s.output()}`);
    return s.output().includes(`worker ready ${executorId}`);
  });
  return s;
}
