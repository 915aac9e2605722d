import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';
import { preparingPool } from './prepared.js';
import type { DB } from './schema.js';

// DATE stays a 'YYYY-MM-DD' string (no time-zone shift); int8 (ids, counts) fits a JS number here.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** The Kysely handle every repository receives. */
export type Db = Kysely<DB>;
/** A Kysely transaction: what a use case receives as `tx`. */
export type Tx = Transaction<DB>;

/** An open database: the Kysely handle, its pool and, when embedded, the server. */
export interface Database {
  db: Db;
  pool: pg.Pool;
  /** For read routes: read-only sessions, no BEGIN/COMMIT (see {@link openReadDb}). */
  readDb: Db;
  /** Connection string (with credentials); also used by the workflow engine. */
  url: string;
  embedded: EmbeddedServer | undefined;
  /** Closes the pool, then stops the embedded server if we started it. */
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort?: number | undefined;
  logger: Logger;
  poolSize?: number;
  applicationName?: string;
}

/**
 * Connects to `databaseUrl`, or starts the embedded PostgreSQL under `dataDir` when it is unset.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const embedded = opts.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: opts.dataDir,
        database: 'orderly',
        port: opts.embeddedPgPort,
        logger: opts.logger,
      });
  const url = opts.databaseUrl ?? embedded!.url;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // pg's default (10 s) closes idle connections and opens new ones a few times a minute on an idle
    // server; each is a backend start and an authentication (issue 14: idle CPU).
    idleTimeoutMillis: 60_000,
    application_name: opts.applicationName ?? 'orderly',
  });
  let closing = false;
  // An idle client can be cut by a server restart; without a listener that is an uncaught crash.
  // While we close, the server ending our own connections is expected, not worth a warning.
  pool.on('error', (err) => {
    if (!closing) opts.logger.warn({ err: { message: err.message } }, 'idle database connection failed');
  });
  const db = kyselyOn(pool);
  const readDb = openReadDb(url, opts.poolSize ?? 10, opts.applicationName ?? 'orderly');
  return {
    db,
    pool,
    readDb,
    url,
    embedded,
    async close() {
      closing = true;
      await readDb.destroy();
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

/** The Kysely handle over `pool`, with hot statements prepared once per connection (`prepared.ts`). */
export function kyselyOn(pool: pg.Pool): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
}

/**
 * The database of read routes: its own pool whose sessions are read-only by default, and whose
 * statements run without BEGIN/COMMIT (two round trips of four on `/api/users/me/`). PostgreSQL
 * still refuses any write made through it.
 */
export function openReadDb(url: string, poolSize: number, applicationName = 'orderly'): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 60_000,
    application_name: `${applicationName}-read`,
    options: '-c default_transaction_read_only=on',
  });
  // An idle client cut by a server restart must not crash the process; the next checkout reconnects.
  pool.on('error', () => undefined);
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: preparingPool(pool, { autocommit: true }) }),
  });
}

/**
 * Runs `fn` in one transaction (commit on return, rollback on throw). HTTP routes do not call it:
 * the route pipeline (`platform/http/route.ts`) opens theirs.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
