// TEMPORARY (H8): cross-checks pg_stat_statements counts against the PostgreSQL statement log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { setupDatabase } from '../src/app/setup.js';
import { insertToken } from '../src/modules/identity/adapters/pg/user-repository.js';
import { issueToken } from '../src/modules/identity/domain/tokens.js';
import { openDatabase } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { fixtures } from './orders.js';
import { statementCounter } from './pg-stats.js';
import { startServe } from './server.js';

const logger = pino({ level: 'warn' });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-xc-'));
fs.chmodSync(tmp, 0o755);
const logDir = path.join(tmp, 'log');
fs.mkdirSync(logDir, { mode: 0o777 });
fs.chmodSync(logDir, 0o777);
const embedded = await startEmbeddedPostgres({
  dataDir: path.join(tmp, 'db'),
  database: 'orderly',
  logger,
  settings: {
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track_planning': 'on',
    logging_collector: 'on',
    log_directory: logDir,
    log_filename: 'pg.log',
    log_statement: 'all',
    log_line_prefix: '%m [%p] app=%a ',
  },
});
const database = await openDatabase({ databaseUrl: embedded.url, dataDir: tmp, logger, applicationName: 'xc-bench' });
const { db } = database;
await setupDatabase(db, { demo: false, dataDir: tmp }, logger);
const staff = await db.insertInto('users').values({ username: 'xc', email: 'x@x', is_staff: true }).returning('id').executeTakeFirstOrThrow();
const issued = issueToken();
await db.transaction().execute((tx) => insertToken(tx, staff.id, issued, null));
const f = await fixtures(db, 'xc');
const counter = await statementCounter(db);
const serve = await startServe(embedded.url, path.join(tmp, 'serve'));
await new Promise((r) => setTimeout(r, 3000));
const headers = { authorization: `Token ${issued.token}`, 'content-type': 'application/json' };
const hex = (u: string) => u.replace(/-/g, '');
const logFile = path.join(logDir, 'pg.log');
const N = 20;
async function check(name: string, op: (i: number) => Promise<void>) {
  await op(-1);
  await counter.reset();
  const from = fs.statSync(logFile).size;
  for (let i = 0; i < N; i++) await op(i);
  await new Promise((r) => setTimeout(r, 500));
  const stats = await counter.read();
  const text = fs.readFileSync(logFile, 'utf8').slice(from);
  const lines = text.split('\n').filter((l) => / LOG: {2}(statement|execute [^:]*): /.test(l));
  const byApp = new Map<string, number>();
  for (const l of lines) {
    const app = /app=(\S*)/.exec(l)?.[1] ?? '?';
    byApp.set(app, (byApp.get(app) ?? 0) + 1);
  }
  process.stdout.write(
    `${name}: pg_stat_statements ${((stats?.calls ?? 0) / N).toFixed(1)}/req; log ${(lines.length / N).toFixed(1)}/req; by app ${JSON.stringify(Object.fromEntries([...byApp].map(([k, v]) => [k, v / N])))}\n`,
  );
  if (name === 'create') fs.writeFileSync('/tmp/h8-create-log.txt', lines.join('\n'));
}
await check('users/me', async () => {
  const r = await fetch(`${serve.base}/api/users/me/`, { headers });
  await r.arrayBuffer();
});
await check('create', async (i) => {
  const r = await fetch(`${serve.base}/api/marketplace-orders/`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      project: `${serve.base}/api/projects/${hex(f.project.uuid)}/`,
      offering: `${serve.base}/api/marketplace-public-offerings/${hex(f.offering.uuid)}/`,
      plan: `${serve.base}/api/marketplace-public-offerings/${hex(f.offering.uuid)}/plans/${hex(f.plan.uuid)}/`,
      attributes: { name: `xc-${i}` },
      limits: { cpu: 1 },
    }),
  });
  if (r.status !== 201) throw new Error(`create ${r.status}`);
  await r.arrayBuffer();
});
await serve.stop();
await database.close();
await embedded.stop();
fs.rmSync(tmp, { recursive: true, force: true });
