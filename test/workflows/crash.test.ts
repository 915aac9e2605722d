import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/database.js';
import type { WorkflowEngine } from '../../src/platform/workflows/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { killGroup, type Spawned } from '../support/process.js';
import { countEffects, createEffectTables, openGate, testWorkflows } from './fixtures/workflows.js';
import { inProcessEngine, spawnWorker, waitFor, waitForStatus } from './helpers.js';

// Worker processes are killed with SIGKILL in the middle of a workflow; the test process only
// enqueues and watches (an enqueue-only engine: no workers, no sweeper here).
let t: TestDatabase;
let api: WorkflowEngine;
let stopApi: () => Promise<void>;
let wf: ReturnType<typeof testWorkflows>;
const running: Spawned[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await createEffectTables(t.db);
  wf = testWorkflows(t.db);
  ({ engine: api, stop: stopApi } = await inProcessEngine(t, 'crash-api', false, wf.all));
});

afterAll(async () => {
  for (const s of running) killGroup(s);
  await Promise.all(running.map((s) => s.exited));
  await stopApi?.();
  await t?.drop();
});

async function worker(executorId: string): Promise<Spawned> {
  const s = await spawnWorker(t.url, executorId);
  running.push(s);
  return s;
}

/** Enqueues `gated` and waits until a worker is inside its second step (the first is checkpointed). */
async function startGated(id: string): Promise<string> {
  await inTransaction(t.db, (tx) => api.enqueue(tx, { workflow: wf.gated, workflowId: id, args: null }));
  await waitFor('the gate step to start', async () => (await countEffects(t.db, id, 'wait-gate-try')) === 1);
  const s = await waitForStatus(api, id, 'running');
  return s.executorId;
}

async function kill9(s: Spawned): Promise<void> {
  killGroup(s);
  await s.exited;
}

describe('crash safety of workflows', () => {
  it('finishes after kill -9 and a restart under the same executor id, without re-running done steps', async () => {
    const id = 'crash-same-id';
    const first = await worker('crash-w1');
    expect(await startGated(id)).toBe('crash-w1');
    await kill9(first);
    await openGate(t.db, id);
    // The heartbeat row of the killed process is still fresh; its pid is dead, so the id is free again.
    const second = await worker('crash-w1');
    const s = await waitForStatus(api, id, 'succeeded');
    expect(s.executorId).toBe('crash-w1');
    expect(s.output).toBe('opened');
    expect(await countEffects(t.db, id, 'first')).toBe(1);
    // The interrupted step ran again (at least once), the rest exactly once.
    expect(await countEffects(t.db, id, 'wait-gate-try')).toBe(2);
    expect(await countEffects(t.db, id, 'last')).toBe(1);
    // A graceful stop (SIGTERM) exits 0 and leaves the next test to two fresh workers.
    killGroup(second, 'SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('lets a live worker’s sweeper take over the workflow of a killed one within 10 s', async () => {
    const id = 'crash-takeover';
    const workers = new Map([
      ['take-a', await worker('take-a')],
      ['take-b', await worker('take-b')],
    ]);
    const victim = await startGated(id);
    const survivor = victim === 'take-a' ? 'take-b' : 'take-a';
    await kill9(workers.get(victim)!);
    const killedAt = Date.now();
    await openGate(t.db, id);
    await waitFor(
      'the survivor to claim the workflow',
      async () => (await api.getStatus(id))?.executorId === survivor,
    );
    const takeoverMs = Date.now() - killedAt;
    const s = await waitForStatus(api, id, 'succeeded');
    const finishedMs = Date.now() - killedAt;
    process.stdout.write(
      `workflow takeover after kill -9: claimed in ${takeoverMs} ms, finished in ${finishedMs} ms\n`,
    );
    expect(s.executorId).toBe(survivor);
    expect(finishedMs).toBeLessThan(10_000);
    expect(await countEffects(t.db, id, 'first')).toBe(1);
    expect(await countEffects(t.db, id, 'wait-gate-try')).toBe(2);
    expect(await countEffects(t.db, id, 'last')).toBe(1);
  });
});
