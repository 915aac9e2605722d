import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/database.js';
import { DEFAULT_RETRY, type WorkflowEngine } from '../../src/platform/workflows/index.js';
import { retryDelayMs } from '../../src/platform/workflows/retry.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { countEffects, createEffectTables, openGate, testWorkflows } from './fixtures/workflows.js';
import { inProcessEngine, waitFor, waitForStatus } from './helpers.js';

let t: TestDatabase;
let engine: WorkflowEngine;
let stop: () => Promise<void>;
let wf: ReturnType<typeof testWorkflows>;

beforeAll(async () => {
  t = await createTestDatabase();
  await createEffectTables(t.db);
  wf = testWorkflows(t.db);
  ({ engine, stop } = await inProcessEngine(t, 'steps-worker', true, wf.all));
});

afterAll(async () => {
  await stop?.();
  await t?.drop();
});

describe('retry policy', () => {
  it('computes min(initial × factor^(n−1), max) with ±20 % jitter', () => {
    const p = { maxAttempts: 5, initialDelayMs: 500, backoffFactor: 2, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(p, n, () => 0.5))).toEqual([
      500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
    expect(retryDelayMs(p, 1, () => 0)).toBe(400);
    expect(retryDelayMs(p, 1, () => 1)).toBe(600);
    expect(DEFAULT_RETRY.maxAttempts).toBe(3);
  });

  it('runs a step that fails twice three times, then completes the workflow', async () => {
    const id = 'flaky-1';
    await inTransaction(t.db, (tx) =>
      engine.enqueue(tx, { workflow: wf.flaky, workflowId: id, args: { failures: 2 } }),
    );
    const s = await waitForStatus(engine, id, 'succeeded');
    expect(s.output).toBe('ok after 3 tries (attempt 3)');
    expect(await countEffects(t.db, id, 'flaky-try')).toBe(3);
    // Only the outcome is checkpointed: one step record, not one per try.
    const steps = await engine.listSteps(id);
    expect(steps.map((x) => [x.name, x.output])).toEqual([['flaky', 'ok after 3 tries (attempt 3)']]);
  });

  it('fails the workflow after maxAttempts tries of a step that keeps failing', async () => {
    const id = 'flaky-exhausted';
    await inTransaction(t.db, (tx) =>
      engine.enqueue(tx, { workflow: wf.flaky, workflowId: id, args: { failures: 99 } }),
    );
    const s = await waitForStatus(engine, id, 'failed');
    expect(s.error).toBe('flaky failure 5');
    expect(await countEffects(t.db, id, 'flaky-try')).toBe(5);
    const [step] = await engine.listSteps(id);
    expect(step?.error).toBe('flaky failure 5');
  });

  it('does not retry an error the policy calls permanent', async () => {
    const id = 'permanent-1';
    await inTransaction(t.db, (tx) =>
      engine.enqueue(tx, { workflow: wf.permanent, workflowId: id, args: null }),
    );
    const s = await waitForStatus(engine, id, 'failed');
    expect(s.error).toBe('the provider said no');
    expect(await countEffects(t.db, id, 'permanent-try')).toBe(1);
  });
});

describe('cancel and resume', () => {
  it('cancels a running workflow and resumes it after its last checkpoint', async () => {
    const id = 'gated-cancel';
    await inTransaction(t.db, (tx) => engine.enqueue(tx, { workflow: wf.gated, workflowId: id, args: null }));
    await waitFor(
      'the gate step to start',
      async () => (await countEffects(t.db, id, 'wait-gate-try')) === 1,
    );
    await engine.cancel(id);
    expect((await engine.getStatus(id))?.status).toBe('cancelled');
    // DBOS signals the cancel to the running step (by polling); wait until it has given up.
    await waitFor(
      'the gate step to stop',
      async () => (await countEffects(t.db, id, 'wait-gate-aborted')) === 1,
    );

    await openGate(t.db, id);
    await engine.resume(id);
    const s = await waitForStatus(engine, id, 'succeeded');
    expect(s.output).toBe('opened');
    expect(s.queue === undefined || s.queue === 'orderly').toBe(true);
    // `first` was checkpointed before the cancel and is not run again; the interrupted step is.
    expect(await countEffects(t.db, id, 'first')).toBe(1);
    expect(await countEffects(t.db, id, 'wait-gate-try')).toBe(2);
    expect(await countEffects(t.db, id, 'last')).toBe(1);
    expect((await engine.listSteps(id)).map((x) => x.name)).toEqual(['first', 'wait-gate', 'last']);
  });

  it('refuses to cancel or resume an unknown workflow', async () => {
    await expect(engine.cancel('no-such-run')).rejects.toMatchObject({ code: 'workflow.not_found' });
    await expect(engine.resume('no-such-run')).rejects.toMatchObject({ code: 'workflow.not_found' });
  });
});
