import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    url,
    embedded,
    async close() {
      closing = true;
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

/**
 * Runs `fn` in one transaction (commit on return, rollback on throw). HTTP routes do not call it:
 * the route pipeline (`platform/http/route.ts`) opens theirs.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
