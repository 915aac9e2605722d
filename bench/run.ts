// `npm run bench`: figures for Orderly's hot paths on a real PostgreSQL with production durability
// (fsync on). Uses DATABASE_URL when set (a scratch database!), else a temporary embedded server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { buildApp } from '../src/app/server.js';
import { setupDatabase } from '../src/app/setup.js';
import { insertToken } from '../src/modules/identity/adapters/pg/user-repository.js';
import { issueToken } from '../src/modules/identity/domain/tokens.js';
import { openDatabase } from '../src/platform/db/database.js';
import { type BenchResult, measure, printTable } from './harness.js';
import { orderScenarios } from './orders.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const logger = pino({ level: 'warn' });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-'));
fs.chmodSync(dataDir, 0o755);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, logger, poolSize: 10 });
const { db } = database;
await setupDatabase(db, { demo: false, dataDir }, logger);

const staff = await db
  .insertInto('users')
  .values({ username: `bench-${Date.now()}`, email: 'b@x', is_staff: true })
  .returning('id')
  .executeTakeFirstOrThrow();
const issued = issueToken();
await db.transaction().execute((tx) => insertToken(tx, staff.id, issued, null));
const customer = await db
  .insertInto('customers')
  .values({ name: 'Bench Org', slug: `bench-${Date.now()}` })
  .returning(['id', 'uuid'])
  .executeTakeFirstOrThrow();
await sql`INSERT INTO projects (customer_id, name, slug) SELECT ${customer.id}, 'p' || g, 'bench-p-' || g || '-' || ${Date.now()} FROM generate_series(1, 2000) g`.execute(
  db,
);
await sql`CREATE TABLE IF NOT EXISTS bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL)`.execute(
  db,
);

const app = await buildApp(db, logger);
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const auth = { authorization: `Token ${issued.token}` };
const customerUrl = `${base}/api/customers/${customer.uuid.replace(/-/g, '')}/`;

const results: BenchResult[] = [];
results.push(
  await measure(
    'raw INSERT commit (pg, 1 row/tx)',
    async (i) => {
      await database.pool.query('INSERT INTO bench_raw (payload) VALUES ($1)', [`row ${i}`]);
      return true;
    },
    CONCURRENCY,
    SECONDS,
  ),
);
results.push(
  await measure(
    'GET /api/users/me/ (token auth)',
    async () =>
      (await fetch(`${base}/api/users/me/`, { headers: auth }).then((r) =>
        r.arrayBuffer().then(() => r.status),
      )) === 200,
    CONCURRENCY,
    SECONDS,
  ),
);
results.push(
  await measure(
    'GET /api/projects/?page_size=50',
    async () =>
      (await fetch(`${base}/api/projects/?page_size=50&page=3`, { headers: auth }).then((r) =>
        r.arrayBuffer().then(() => r.status),
      )) === 200,
    CONCURRENCY,
    SECONDS,
  ),
);
results.push(
  await measure(
    'POST /api/projects/',
    async (i) => {
      const r = await fetch(`${base}/api/projects/`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench ${i}`, customer: customerUrl }),
      });
      await r.arrayBuffer();
      return r.status === 201;
    },
    CONCURRENCY,
    SECONDS,
  ),
);

results.push(
  ...(await orderScenarios(
    db,
    base,
    issued.token,
    CONCURRENCY,
    SECONDS,
    Number(process.env.BENCH_ORDERS ?? 200_000),
  )),
);

process.stdout.write(
  `\nOrderly bench: ${CONCURRENCY} concurrent clients in-process, ${SECONDS} s per scenario, ${os.cpus().length} cores, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (fsync on)'}\n\n`,
);
printTable(results);
await sql`DROP TABLE bench_raw`.execute(db);
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });

// Durable workflows (bench/workflows.ts): transactional enqueue → pickup → completion.
const { benchWorkflows } = await import('./workflows.js');
await benchWorkflows();
// The tenant saga (bench/saga.ts): tenants ordered through the API, provisioned by a worker.
const { benchSaga } = await import('./saga.js');
await benchSaga();
