// `npx tsx bench/workflows.ts` (also the last part of `npm run bench`): trivial durable workflows, each
// enqueued in its own Kysely transaction, run by an in-process worker engine (woken by NOTIFY on enqueue, 50 ms polling while busy,
// concurrency 10). Prints workflows/s and pickup latency (commit → dequeue) p50/p99, idle and under
// load. Uses DATABASE_URL when set (a scratch database!), else a temporary embedded server (fsync on).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { pino } from 'pino';
import { setupDatabase } from '../src/app/setup.js';
import { type Db, inTransaction, openDatabase } from '../src/platform/db/database.js';
import { startHeartbeat } from '../src/platform/process/heartbeat.js';
import {
  defineStep,
  defineWorkflow,
  startWorkflowEngine,
  type WorkflowEngine,
} from '../src/platform/workflows/index.js';

const echo = defineStep<number, number>({ name: 'echo', invoke: async (n) => n });
const trivial = defineWorkflow<{ n: number }, number>({
  name: 'bench.trivial',
  run: (ctx, args) => ctx.step(echo, args.n),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Enqueues `ids` from `concurrency` loops, one transaction each, the i-th no earlier than
 * i × `intervalMs` after the start (0: as fast as possible); returns each id's commit time (ms).
 */
async function enqueueAll(
  db: Db,
  engine: WorkflowEngine,
  ids: string[],
  concurrency: number,
  intervalMs = 0,
) {
  const committed = new Map<string, number>();
  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const i = next++;
        const id = ids[i]!;
        const wait = t0 + i * intervalMs - Date.now();
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
        await inTransaction(db, (tx) =>
          engine.enqueue(tx, { workflow: trivial, workflowId: id, args: { n: 1 } }),
        );
        committed.set(id, Date.now());
      }
    }),
  );
  return committed;
}

/** Waits until every workflow with this id prefix succeeded; returns dequeue times (DB clock, same host). */
async function awaitAll(db: Db, prefix: string, n: number): Promise<Map<string, number>> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const r = await sql<{ id: string; started: number | null; status: string }>`
      SELECT workflow_uuid AS id, started_at_epoch_ms AS started, status FROM dbos.workflow_status
       WHERE workflow_uuid LIKE ${`${prefix}%`}`.execute(db);
    const done = r.rows.filter((x) => x.status === 'SUCCESS');
    if (done.length === n) return new Map(done.map((x) => [x.id, Number(x.started)]));
    if (Date.now() > deadline) throw new Error(`only ${done.length}/${n} workflows finished`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

function pickups(committed: Map<string, number>, started: Map<string, number>): number[] {
  return [...committed].map(([id, at]) => (started.get(id) ?? Number.NaN) - at).sort((a, b) => a - b);
}

/** Runs the workflow benchmark and prints its figures. */
export async function benchWorkflows(): Promise<void> {
  const count = Number(process.env.BENCH_WORKFLOWS ?? 2_000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
  const logger = pino({ level: 'warn' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-wf-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, logger });
  const { db } = database;
  await setupDatabase(db, { demo: false, dataDir }, logger);
  const executorId = `bench-${process.pid}`;
  const heartbeat = await startHeartbeat(db, executorId, 'worker', logger);
  const engine = await startWorkflowEngine({
    db,
    databaseUrl: database.url,
    executorId,
    applicationVersion: 'bench',
    logger,
    workers: true,
    workflows: [trivial],
  });
  const run = `bench-${Date.now()}-`;
  // Warm-up, which also waits out the first queue discovery (the queue is registered after launch).
  await enqueueAll(db, engine, [`${run}warm`], 1);
  await awaitAll(db, `${run}warm`, 1);

  // Idle pickup: one workflow at a time, the next enqueued once the previous one finished.
  const idle: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = `${run}idle-${i}`;
    const committed = await enqueueAll(db, engine, [id], 1);
    idle.push(...pickups(committed, await awaitAll(db, id, 1)));
  }
  idle.sort((a, b) => a - b);

  // Load: `count` workflows from `concurrency` enqueuers; throughput = count / (first enqueue → last success).
  const ids = Array.from({ length: count }, (_, i) => `${run}load-${i}`);
  const t0 = Date.now();
  const [committed, started] = await Promise.all([
    enqueueAll(db, engine, ids, concurrency),
    awaitAll(db, `${run}load-`, count),
  ]);
  const seconds = (Date.now() - t0) / 1000;
  const perSecond = count / seconds;
  const load = pickups(committed, started);

  // Paced at half the measured throughput for 5 s: pickup latency with the workers keeping up.
  const rate = Math.max(1, Math.floor(perSecond / 2));
  const pacedIds = Array.from({ length: rate * 5 }, (_, i) => `${run}paced-${i}`);
  const [pacedCommitted, pacedStarted] = await Promise.all([
    enqueueAll(db, engine, pacedIds, concurrency, 1000 / rate),
    awaitAll(db, `${run}paced-`, pacedIds.length),
  ]);
  const paced = pickups(pacedCommitted, pacedStarted);

  const f = (x: number) => x.toFixed(0).padStart(6);
  process.stdout.write(
    `\nOrderly workflows: trivial 1-step workflows, each enqueued in its own transaction; worker concurrency 10, ` +
      `woken by NOTIFY, 50 ms polling while busy; ${os.cpus().length} cores, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (fsync on)'}\n\n` +
      `idle pickup (commit → dequeue), 50 one at a time: p50 ${f(percentile(idle, 50))} ms  p99 ${f(percentile(idle, 99))} ms\n` +
      `saturated: ${count} workflows from ${concurrency} enqueuers in ${seconds.toFixed(1)} s = ${perSecond.toFixed(0)} workflows/s ` +
      `(pickup there is queueing: p50 ${f(percentile(load, 50))} ms  p99 ${f(percentile(load, 99))} ms)\n` +
      `paced at ${rate}/s for 5 s, pickup: p50 ${f(percentile(paced, 50))} ms  p99 ${f(percentile(paced, 99))} ms\n`,
  );
  await engine.stop();
  await heartbeat.stop();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchWorkflows();
