// The HTTP hot paths against a real `orderly serve` process, next to raw INSERT commits on the same
// database: requests/s, latency, statements and planning per request, server RSS, idle cost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { setupDatabase } from '../src/app/setup.js';
import { insertToken } from '../src/modules/identity/adapters/pg/user-repository.js';
import { issueToken } from '../src/modules/identity/domain/tokens.js';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { loopMs } from './calibrate.js';
import { benchClient } from './client.js';
import { type BenchResult, measure, printTable } from './harness.js';
import { idleLine, measureIdle } from './idle.js';
import { orderScenarios, type RunScenario } from './orders.js';
import { statementCounter, type TopStatement } from './pg-stats.js';
import { postmasterPid, rssSampler, treeCpuSeconds } from './proc.js';
import { seedOrders } from './seed-orders.js';
import { type ServeProcess, startServe } from './server.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const logger = pino({ level: 'warn' });

/** Runs the HTTP benchmark and prints its table (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_ORDERS, BENCH_IDLE_SECONDS). */
export async function benchHttp(): Promise<void> {
  const concurrency = env('BENCH_CONCURRENCY', 16);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-'));
  fs.chmodSync(tmp, 0o755);
  let embedded: EmbeddedServer | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'db'),
      database: 'orderly',
      logger,
      // Statement counts and planning time per scenario; everything else as shipped (fsync on).
      settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' },
    });
  }
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const database = await openDatabase({ databaseUrl: url, dataDir: tmp, logger, poolSize: concurrency });
  let serve: ServeProcess | undefined;
  try {
    await measureAll(database, embedded, tmp, (s) => {
      serve = s;
    });
  } finally {
    // Also on failure: no server process or embedded PostgreSQL left behind.
    await serve?.stop();
    await sql`DROP TABLE IF EXISTS bench_raw`.execute(database.db);
    await database.close();
    await embedded?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Seed, idle measurement and scenarios; hands the serve process to `started` at once (for clean-up). */
async function measureAll(
  database: Database,
  embedded: EmbeddedServer | undefined,
  tmp: string,
  started: (s: ServeProcess) => void,
): Promise<void> {
  const seconds = env('BENCH_SECONDS', 8);
  const concurrency = env('BENCH_CONCURRENCY', 16);
  const { db } = database;
  await setupDatabase(db, { demo: false, dataDir: tmp }, logger);
  process.stderr.write(`seeding ${env('BENCH_ORDERS', 1_000_000)} orders…\n`);
  const seeded = await seedOrders(db, env('BENCH_ORDERS', 1_000_000));
  const staff = await db
    .insertInto('users')
    .values({ username: `bench-${Date.now()}`, email: 'b@x', is_staff: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const issued = issueToken();
  await db.transaction().execute((tx) => insertToken(tx, staff.id, issued, null));
  await sql`CREATE TABLE IF NOT EXISTS bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL)`.execute(
    db,
  );
  const counter = await statementCounter(db);

  process.stderr.write('starting orderly serve…\n');
  const serve = await startServe(database.url, path.join(tmp, 'serve'));
  started(serve);

  // Idle: a server with nothing to do, past its first minute (DBOS polls its schedules every second
  // for 60 s after start). After the scenarios it would still be delivering their notifications.
  const settle = env('BENCH_IDLE_SETTLE_SECONDS', 65);
  process.stderr.write(`settling for ${settle} s…\n`);
  await new Promise((r) => setTimeout(r, settle * 1000));
  const idleSeconds = env('BENCH_IDLE_SECONDS', 30);
  process.stderr.write(`idle for ${idleSeconds} s…\n`);
  // With DATABASE_URL, BENCH_PG_DATA (that cluster's data folder, on this machine) adds its CPU columns.
  const clusterDir = embedded ? path.join(tmp, 'db', 'pg') : process.env.BENCH_PG_DATA;
  const idle = await measureIdle(db, serve.pid, clusterDir, counter, idleSeconds);

  const speedBefore = loopMs();
  const rss = rssSampler(serve.pid);
  const pgPid = clusterDir ? postmasterPid(clusterDir) : undefined;
  // Where a scenario's CPU goes on the shared cores: server, database, and the load generator itself.
  const cpuNow = () => {
    const own = process.cpuUsage();
    return {
      serve: treeCpuSeconds(serve.pid),
      postgres: pgPid ? treeCpuSeconds(pgPid) : undefined,
      bench: (own.user + own.system) / 1e6,
    };
  };
  let cpu0 = cpuNow();
  const client = benchClient(serve.base, concurrency);
  // BENCH_STATEMENTS=N: after the table, each scenario's N costliest statements (where time goes).
  const topN = env('BENCH_STATEMENTS', 0);
  const tops: { name: string; requests: number; rows: TopStatement[] }[] = [];
  // BENCH_FOCUS=<text>: scenarios whose name lacks it run 1 s only (their output still feeds the next).
  const focus = process.env.BENCH_FOCUS;
  const run: RunScenario = async (name, op, exhausted) => {
    process.stderr.write(`${name}…\n`);
    const r = await measure(name, op, {
      concurrency,
      seconds: focus && !name.includes(focus) ? 1 : seconds,
      exhausted,
      beforeTimed: async () => {
        await counter.reset();
        rss.take();
        cpu0 = cpuNow();
      },
    });
    const cpu1 = cpuNow();
    const cpu = {
      serve: cpu1.serve - cpu0.serve,
      postgres: cpu1.postgres === undefined ? undefined : cpu1.postgres - (cpu0.postgres ?? 0),
      bench: cpu1.bench - cpu0.bench,
    };
    const statements = await counter.read();
    if (topN > 0) tops.push({ name, requests: r.requests, rows: await counter.top(topN) });
    return { ...r, statements, planning: counter.planning, rss: rss.take(), cpu };
  };
  const auth = { authorization: `Token ${issued.token}` };
  const results: BenchResult[] = [];
  results.push(
    await run('raw INSERT commit (pg, 1 row/tx)', async (i) => {
      await database.pool.query('INSERT INTO bench_raw (payload) VALUES ($1)', [`row ${i}`]);
      return true;
    }),
  );
  results.push(
    await run('GET /api/users/me/ (token auth)', async () => {
      const r = await client.request('GET', '/api/users/me/', auth);
      return r.status === 200;
    }),
  );
  results.push(
    ...(await orderScenarios(db, client, serve.base, issued.token, run, seeded.offeringUuid, seeded.orders)),
  );
  rss.stop();
  client.close();
  const speedAfter = loopMs();

  process.stdout.write(
    `\nOrderly HTTP bench: ${concurrency} concurrent clients (node:http keep-alive, in the bench process) → orderly serve ` +
      `(pid ${serve.pid}, its own process, workers on), ${seconds} s per scenario, ${os.cpus().length} cores, ` +
      `${embedded ? 'embedded PostgreSQL (fsync on)' : 'DATABASE_URL'}\n` +
      `dataset: ${seeded.orders} seeded orders${seeded.seconds ? ` (seeded in ${seeded.seconds.toFixed(0)} s)` : ' (already there)'}; ` +
      `${counter.note}\n` +
      `machine speed (bench/calibrate.ts, a fixed loop, lower is faster): ${speedBefore.toFixed(0)} ms before the ` +
      `scenarios, ${speedAfter.toFixed(0)} ms after; compare runs only at similar speeds\n` +
      `RSS MB: the serve process's peak during the scenario; stmts/req etc.: every statement on the database ` +
      `in the scenario (workers' polling included) / requests\n\n`,
  );
  printTable(results);
  process.stdout.write(`\n${idleLine(idle)}`);
  for (const t of tops) process.stdout.write(topLines(t.name, t.requests, t.rows));
}

/** One scenario's costliest statements: calls, planning and execution ms per request. */
function topLines(name: string, requests: number, rows: TopStatement[]): string {
  const per = (x: number) => (x / Math.max(1, requests)).toFixed(2).padStart(7);
  const lines = rows.map(
    (r) =>
      `${per(r.calls)} ${per(r.planMs)} ${per(r.execMs)} ${per(r.walBytes / 1024)}  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
  );
  return `\n${name}: costliest statements (calls/req, plan ms/req, exec ms/req, WAL KB/req)\n${lines.join('\n')}\n`;
}
