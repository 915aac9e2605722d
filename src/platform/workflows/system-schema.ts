import { ensureSystemDatabase } from '@dbos-inc/dbos-sdk/internal/system_database';
import { GlobalLogger } from '@dbos-inc/dbos-sdk/internal/telemetry/logs';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { dbosLogger } from './dbos-logger.js';

/** Schema of DBOS's tables inside the app database (the transactional enqueue needs one database). */
export const SYSTEM_SCHEMA = 'dbos';

/** Session advisory lock serialising DBOS schema migrations across processes ("ordb"). */
export const SCHEMA_LOCK_KEY = 0x6f72_6462;

/** Ends a session left idle inside a transaction after a minute, releasing its locks. */
const IDLE_IN_TRANSACTION_MS = 60_000;

/**
 * The app's connection string with `idle_in_transaction_session_timeout` in libpq `options`. DBOS
 * otherwise sets it with a query on connect, which races the first query and makes pg print a
 * DeprecationWarning (stack.md gotcha 15); with it in the URL DBOS skips its own SET.
 */
export function systemDatabaseUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  const setting = `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`;
  const existing = u.searchParams.get('options');
  if (!existing?.includes('idle_in_transaction_session_timeout')) {
    u.searchParams.set('options', existing ? `${existing} ${setting}` : setting);
  }
  return u.toString();
}

/**
 * Runs `fn` holding {@link SCHEMA_LOCK_KEY} on one dedicated connection. Waiters poll with
 * `pg_try_advisory_lock` instead of blocking in `pg_advisory_lock`: DBOS migrates with
 * `CREATE INDEX CONCURRENTLY`, which waits for every transaction holding a snapshot, and a blocked
 * lock call is one. The holder's index build would wait for the waiter, the waiter for the holder's
 * lock: a deadlock that runs through our JavaScript, so PostgreSQL cannot detect it. (Hence also a
 * key of its own rather than Orderly's setup lock, which other processes wait on blocking.)
 */
async function withSchemaLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    for (;;) {
      const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${SCHEMA_LOCK_KEY}) AS ok`.execute(
        conn,
      );
      if (r.rows[0]?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(${SCHEMA_LOCK_KEY})`.execute(conn);
    }
  });
}

/**
 * Creates or upgrades the `dbos` schema under {@link withSchemaLock}, so processes starting together
 * do not race DBOS's migration runner (which takes no lock of its own). Every process role runs it,
 * because an API-only process enqueues into these tables before any worker has launched.
 *
 * Uses DBOS's `ensureSystemDatabase` (exported under `@dbos-inc/dbos-sdk/internal/*`) rather than
 * the public `DBOS.migrate`: that one logs to the console and first connects to the `postgres`
 * maintenance database, which a production role may not reach. A one-connection pool of our own
 * makes DBOS skip that probe.
 */
export async function migrateSystemSchema(db: Db, databaseUrl: string, logger: Logger): Promise<void> {
  const url = systemDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', (err) =>
    logger.warn({ err: { message: err.message } }, 'dbos migration connection failed'),
  );
  try {
    await withSchemaLock(db, () =>
      ensureSystemDatabase(
        url,
        new GlobalLogger(undefined, { logger: dbosLogger(logger) }),
        pool,
        SYSTEM_SCHEMA,
      ),
    );
  } finally {
    await pool.end();
  }
}
