import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/database.js';
import { type WorkflowEngine, WorkflowIdConflictError } from '../../src/platform/workflows/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { countEffects, createEffectTables, testWorkflows } from './fixtures/workflows.js';
import { inProcessEngine, waitForStatus } from './helpers.js';

let t: TestDatabase;
let engine: WorkflowEngine;
let stop: () => Promise<void>;
let wf: ReturnType<typeof testWorkflows>;

beforeAll(async () => {
  t = await createTestDatabase();
  await createEffectTables(t.db);
  wf = testWorkflows(t.db);
  ({ engine, stop } = await inProcessEngine(t, 'enqueue-worker', true, wf.all));
});

afterAll(async () => {
  await stop?.();
  await t?.drop();
});

/** A domain write in the same transaction as the enqueue, to check they commit or roll back together. */
const domainWrite = (tx: Parameters<Parameters<typeof inTransaction>[1]>[0], id: string) =>
  sql`INSERT INTO wf_effects (workflow_id, step) VALUES (${id}, 'domain')`.execute(tx);

describe('enqueue inside the caller’s Kysely transaction', () => {
  it('leaves no workflow (and no domain row) when the transaction rolls back', async () => {
    const id = 'rollback-1';
    await expect(
      inTransaction(t.db, async (tx) => {
        await domainWrite(tx, id);
        const r = await engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: 'x' } });
        expect(r).toEqual({ workflowId: id, created: true });
        // Visible inside the transaction: DBOS wrote it through our connection.
        const inside = await sql`SELECT 1 FROM dbos.workflow_status WHERE workflow_uuid = ${id}`.execute(tx);
        expect(inside.rows).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await engine.getStatus(id)).toBeUndefined();
    expect(await countEffects(t.db, id, 'domain')).toBe(0);
    expect(await engine.listSteps(id)).toEqual([]);
  });

  it('runs a committed workflow to completion, recording each step once', async () => {
    const id = 'commit-1';
    await inTransaction(t.db, async (tx) => {
      await domainWrite(tx, id);
      await engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: 'done' } });
    });
    const s = await waitForStatus(engine, id, 'succeeded');
    expect(s.output).toBe('done:3');
    expect(s.workflowName).toBe('test.three-steps');
    expect(s.executorId).toBe('enqueue-worker');
    expect(s.applicationVersion).toBe('test');
    const steps = await engine.listSteps(id);
    expect(steps.map((x) => [x.index, x.name, x.output, x.error])).toEqual([
      [0, 'a', 1, undefined],
      [1, 'b', 1, undefined],
      [2, 'c', 1, undefined],
    ]);
    expect(steps.every((x) => x.startedAt instanceof Date && x.completedAt instanceof Date)).toBe(true);
    for (const step of ['domain', 'a', 'b', 'c']) expect(await countEffects(t.db, id, step)).toBe(1);
  });

  it('treats a duplicate id as a no-op and an id of another workflow as a conflict', async () => {
    const id = 'dup-1';
    const enqueue = () =>
      inTransaction(t.db, (tx) =>
        engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: 'dup' } }),
      );
    expect(await enqueue()).toEqual({ workflowId: id, created: true });
    expect(await enqueue()).toEqual({ workflowId: id, created: false });
    await inTransaction(t.db, async (tx) => {
      await expect(
        engine.enqueue(tx, { workflow: wf.flaky, workflowId: id, args: { failures: 0 } }),
      ).rejects.toBeInstanceOf(WorkflowIdConflictError);
      // The conflict is reported without aborting the caller's transaction.
      await domainWrite(tx, id);
    });
    expect(await countEffects(t.db, id, 'domain')).toBe(1);
    expect((await waitForStatus(engine, id, 'succeeded')).output).toBe('dup:3');
  });

  it('lets exactly one of two concurrent transactions create the workflow', async () => {
    const id = 'race-1';
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let firstEnqueued!: () => void;
    const enqueuedInFirst = new Promise<void>((r) => {
      firstEnqueued = r;
    });
    const first = inTransaction(t.db, async (tx) => {
      const r = await engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: 'one' } });
      firstEnqueued();
      await held;
      return r;
    });
    await enqueuedInFirst;
    // The second insert waits on the first transaction's uncommitted row, then finds it.
    const second = inTransaction(t.db, (tx) =>
      engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: id, args: { label: 'two' } }),
    );
    release();
    const results = await Promise.all([first, second]);
    expect(results.map((r) => r.created)).toEqual([true, false]);
    expect((await waitForStatus(engine, id, 'succeeded')).output).toBe('one:3');
  });

  it('answers undefined / no steps for an unknown workflow id', async () => {
    expect(await engine.getStatus('no-such-workflow')).toBeUndefined();
    expect(await engine.listSteps('no-such-workflow')).toEqual([]);
  });
});

describe('engine start', () => {
  it('starts engines together on a database without the dbos schema (one migrates, the other waits)', async () => {
    const fresh = await createTestDatabase();
    try {
      const [x, y] = await Promise.all([
        inProcessEngine(fresh, 'fresh-1', false, wf.all),
        inProcessEngine(fresh, 'fresh-2', false, wf.all),
      ]);
      await inTransaction(fresh.db, (tx) =>
        x.engine.enqueue(tx, { workflow: wf.threeSteps, workflowId: 'fresh-run', args: { label: 'f' } }),
      );
      expect((await y.engine.getStatus('fresh-run'))?.status).toBe('enqueued');
      await x.stop();
      await y.stop();
    } finally {
      await fresh.drop();
    }
  });
});
