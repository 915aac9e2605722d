import { Command } from 'commander';
import { pino } from 'pino';
import { type Running, startProcess } from '../app/runtime.js';
import { setupDatabase } from '../app/setup.js';
import { VERSION } from '../app/version.js';
import { loadConfig, type ProcessRole } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateWorkflowSchema } from '../platform/workflows/index.js';
import { registerClientCommands } from './client/index.js';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

function logger(level: string) {
  return pino({ level, base: { service: 'orderly' } });
}

/** Prints what a newcomer needs: where Orderly is and how to sign in. */
function banner(r: Running, role: string): void {
  const lines = [`Orderly ${VERSION} (${role}) ready${r.url ? ` at ${r.url}` : ''}`];
  if (r.url) lines.push(`  API docs: ${r.url}/api/docs/   health: ${r.url}/readyz`);
  const wf = r.workflows;
  lines.push(
    `  Workflows: executor ${wf.executorId}, version ${wf.applicationVersion}, ${wf.workers ? 'queue workers and sweeper running' : 'enqueue only'}`,
  );
  if (r.setup.demoTokens.length > 0) {
    lines.push('  Demo users (send "Authorization: Token <token>"):');
    for (const d of r.setup.demoTokens)
      lines.push(`    ${d.username.padEnd(8)} ${d.token}  ${d.description}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function run(role: Exclude<ProcessRole, 'migrate'>): Promise<void> {
  const config = loadConfig(role);
  const log = logger(config.logLevel);
  const running = await startProcess(role, config, log);
  banner(running, role);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

const program = new Command('orderly')
  .description('Orderly: marketplace order management and resource provisioning (Waldur-compatible)')
  .version(VERSION);

program
  .command('serve')
  .description('API, web UI and workers in one process (what `npm start` runs)')
  .option('--no-workers', 'serve the API only; run workers with `orderly worker`')
  .action(async (opts: { workers: boolean }) => run(opts.workers ? 'serve' : 'api'));

program
  .command('worker')
  .description('background workers only: workflow queues and the sweeper for dead executors')
  .action(async () => run('worker'));

program
  .command('migrate')
  .description('apply database migrations and seed built-in roles, then exit')
  .action(async () => {
    const config = loadConfig('migrate');
    const log = logger(config.logLevel);
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      embeddedPgPort: config.embeddedPgPort,
      logger: log,
    });
    try {
      const r = await setupDatabase(
        database.db,
        { demo: false, dataDir: config.dataDir, bootstrapStaffToken: config.bootstrapStaffToken },
        log,
      );
      // The workflow engine's tables (schema `dbos`) too, so a role without DDL rights can run the rest.
      await migrateWorkflowSchema(database.db, database.url, log);
      process.stdout.write(
        `migrations applied: ${r.migrations.length ? r.migrations.join(', ') : 'none pending'}\n`,
      );
    } finally {
      await database.close();
    }
  });

registerClientCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`orderly: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
