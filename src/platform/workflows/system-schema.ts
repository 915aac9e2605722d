import { ensureSystemDatabase } from '@dbos-inc/dbos-sdk/internal/system_database';
import { GlobalLogger } from '@dbos-inc/dbos-sdk/internal/telemetry/logs';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { withSetupLock } from '../db/migrate.js';
import { dbosLogger } from './dbos-logger.js';
import { installEnqueueNotify } from './enqueue-notify.js';

/** Schema of DBOS's tables inside the app database (the transactional enqueue needs one database). */
export const SYSTEM_SCHEMA = 'dbos';

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
 * Creates or upgrades the `dbos` schema under Orderly's setup lock (`withSetupLock`), so processes starting together
 * do not race DBOS's migration runner (which takes no lock of its own). Every process role runs it,
 * because an API-only process enqueues into these tables before any worker has launched.
 *
 * Uses DBOS's `ensureSystemDatabase` (exported under `@dbos-inc/dbos-sdk/internal/*`) rather than
 * the public `DBOS.migrate`: that one logs to the console and first connects to the `postgres`
 * maintenance database, which a production role may not reach. A one-connection pool of our own
 * makes DBOS skip that probe. Then installs the trigger whose NOTIFY wakes idle queue workers.
 */
export async function migrateSystemSchema(db: Db, databaseUrl: string, logger: Logger): Promise<void> {
  const url = systemDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', (err) =>
    logger.warn({ err: { message: err.message } }, 'dbos migration connection failed'),
  );
  try {
    await withSetupLock(db, async () => {
      await ensureSystemDatabase(
        url,
        new GlobalLogger(undefined, { logger: dbosLogger(logger) }),
        pool,
        SYSTEM_SCHEMA,
      );
      await installEnqueueNotify(db);
    });
  } finally {
    await pool.end();
  }
}
