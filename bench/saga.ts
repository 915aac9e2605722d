// `npx tsx bench/saga.ts` (also part of `npm run bench`): the tenant saga end to end — a tenant
// ordered through the API (order → EXECUTING → run enqueued in the same transaction), picked up by
// an in-process worker (queue concurrency 10, woken by NOTIFY, 50 ms polling while busy) and taken through its seven real steps
// (schema + role, schedule, certificate from the local CA, admin user, HTTPS readiness, activate).
// Prints tenants/s and pickup latency (order commit → dequeue) p50/p99, idle and under load.
// Uses DATABASE_URL when set (a scratch database!), else a temporary embedded server (fsync on).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { pino } from 'pino';
import { appProcessors } from '../src/app/processors.js';
import { appWorkflows } from '../src/app/runtime.js';
import { buildApp } from '../src/app/server.js';
import { setupDatabase } from '../src/app/setup.js';
import { insertToken } from '../src/modules/identity/adapters/pg/user-repository.js';
import { issueToken } from '../src/modules/identity/domain/tokens.js';
import { installProcessing } from '../src/modules/orders/app/processing-port.js';
import { startTenantConsole } from '../src/modules/tenants/adapters/console/console-server.js';
import { DEFAULT_TENANT_SETTINGS } from '../src/modules/tenants/app/settings.js';
import { type Db, openDatabase } from '../src/platform/db/database.js';
import { startHeartbeat } from '../src/platform/process/heartbeat.js';
import { loadSecretBox } from '../src/platform/secrets/secret-box.js';
import { startWorkflowEngine } from '../src/platform/workflows/index.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A consumer project, a provider's Orderly.Tenant offering with an unlimited plan, and a staff token. */
async function seed(db: Db) {
  const tag = Date.now().toString(36);
  const staff = await db
    .insertInto('users')
    .values({ username: `saga-${tag}`, email: 's@x', is_staff: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const issued = issueToken();
  await db.transaction().execute((tx) => insertToken(tx, staff.id, issued, null));
  const consumer = await db
    .insertInto('customers')
    .values({ name: 'Bench consumer', slug: `c-${tag}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const project = await db
    .insertInto('projects')
    .values({ customer_id: consumer.id, name: 'p', slug: `p-${tag}` })
    .returning('uuid')
    .executeTakeFirstOrThrow();
  const provider = await db
    .insertInto('customers')
    .values({ name: 'Bench provider', slug: `v-${tag}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const category = await db
    .insertInto('offering_categories')
    .values({ title: 'Tenants' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offering = await db
    .insertInto('offerings')
    .values({
      customer_id: provider.id,
      category_id: category.id,
      name: 'Bench tenants',
      slug: `t-${tag}`,
      type: 'Orderly.Tenant',
      state: 2,
      plugin_options: { base_domain: 'bench.localhost' },
      secret_options: {},
    })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto('plans')
    .values({ offering_id: offering.id, name: 'Tenant', unit_price: '0' })
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return { token: issued.token, project: project.uuid, offering: offering.uuid, plan: plan.uuid };
}

/** Runs the saga benchmark and prints its figures. */
export async function benchSaga(): Promise<void> {
  const count = Number(process.env.BENCH_TENANTS ?? 200);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
  const logger = pino({ level: 'warn' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-saga-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
    logger,
    poolSize: 20,
  });
  const { db } = database;
  await setupDatabase(db, { demo: false, dataDir }, logger);
  const executorId = `bench-saga-${process.pid}`;
  const heartbeat = await startHeartbeat(db, executorId, 'worker', logger);
  const secrets = loadSecretBox({ secretKey: undefined, dataDir });
  const settings = DEFAULT_TENANT_SETTINGS;
  const defs = appWorkflows(db, {}, { databaseUrl: database.url, secrets, settings, logger });
  const engine = await startWorkflowEngine({
    db,
    databaseUrl: database.url,
    executorId,
    applicationVersion: 'bench',
    logger,
    workers: true,
    workflows: defs.all,
  });
  const tenantConsole = await startTenantConsole({
    db,
    databaseUrl: database.url,
    secrets,
    executorId,
    host: '127.0.0.1',
    port: 0,
    logger,
  });
  installProcessing(appProcessors({ engine, ...defs }));
  const app = await buildApp(db, logger, {
    tenants: { settings, secrets },
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const s = await seed(db);
  const hex = (u: string) => u.replace(/-/g, '');
  const order = async (slug: string): Promise<number> => {
    const r = await fetch(`${base}/api/marketplace-orders/`, {
      method: 'POST',
      headers: { authorization: `Token ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        project: `${base}/api/projects/${hex(s.project)}/`,
        offering: `${base}/api/marketplace-public-offerings/${hex(s.offering)}/`,
        plan: `${base}/api/marketplace-public-offerings/${hex(s.offering)}/plans/${hex(s.plan)}/`,
        attributes: { name: slug, slug, admin_email: `admin@${slug}.example` },
      }),
    });
    if (r.status !== 201) throw new Error(`order ${slug}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    return Date.now();
  };
  // Dequeue time of each tenant's first run (DB clock, same host) once all are Active.
  const awaitActive = async (prefix: string, n: number) => {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const r = await sql<{ slug: string; state: string; dequeued: string | null; finished: Date | null }>`
        SELECT t.slug, t.state, ws.started_at_epoch_ms AS dequeued, t.activated_at AS finished
          FROM tenants t JOIN tenant_runs r ON r.tenant_id = t.id AND r.number = 1 AND r.kind = 'provision'
          LEFT JOIN dbos.workflow_status ws ON ws.workflow_uuid = r.workflow_id
         WHERE t.slug LIKE ${`${prefix}%`}`.execute(db);
      if (r.rows.some((x) => x.state === 'Failed')) throw new Error('a bench tenant failed');
      const done = r.rows.filter((x) => x.state === 'Active');
      if (done.length === n)
        return new Map(
          done.map((x) => [x.slug, { dequeued: Number(x.dequeued), finished: x.finished?.getTime() ?? 0 }]),
        );
      if (Date.now() > deadline) throw new Error(`only ${done.length}/${n} tenants became Active`);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  const run = `b${Date.now().toString(36)}`;
  // Warm-up: first queue discovery and the CA's creation.
  await order(`${run}-warm`);
  await awaitActive(`${run}-warm`, 1);

  // Idle: one tenant at a time.
  const idle: number[] = [];
  const idleTotal: number[] = [];
  for (let i = 0; i < 20; i++) {
    const slug = `${run}-idle-${i}`;
    const committed = await order(slug);
    const got = (await awaitActive(slug, 1)).get(slug)!;
    idle.push(got.dequeued - committed);
    idleTotal.push(got.finished - committed);
  }
  idle.sort((a, b) => a - b);
  idleTotal.sort((a, b) => a - b);

  // Load: `count` tenants ordered by `concurrency` clients; throughput = count / (first order → last Active).
  const committed = new Map<string, number>();
  const slugs = Array.from({ length: count }, (_, i) => `${run}-load-${i}`);
  let next = 0;
  const t0 = Date.now();
  const [, done] = await Promise.all([
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < slugs.length) {
          const slug = slugs[next++]!;
          committed.set(slug, await order(slug));
        }
      }),
    ),
    awaitActive(`${run}-load-`, count),
  ]);
  const seconds = (Date.now() - t0) / 1000;
  const pickups = slugs
    .map((x) => (done.get(x)?.dequeued ?? Number.NaN) - (committed.get(x) ?? Number.NaN))
    .sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(0).padStart(6);
  process.stdout.write(
    `\nOrderly tenant saga: tenants ordered through the API, 7 real steps each, one worker (queue concurrency 10, woken by NOTIFY, 50 ms polling while busy); ` +
      `${os.cpus().length} cores, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (fsync on)'}\n\n` +
      `idle, 20 one at a time: pickup (order commit → dequeue) p50 ${f(percentile(idle, 50))} ms  p99 ${f(percentile(idle, 99))} ms; ` +
      `order → Active p50 ${f(percentile(idleTotal, 50))} ms  p99 ${f(percentile(idleTotal, 99))} ms\n` +
      `load: ${count} tenants from ${concurrency} clients in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(1)} tenants/s ` +
      `(pickup there is queueing: p50 ${f(percentile(pickups, 50))} ms  p99 ${f(percentile(pickups, 99))} ms)\n`,
  );
  await app.close();
  await tenantConsole.stop();
  await engine.stop();
  await heartbeat.stop();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchSaga();
