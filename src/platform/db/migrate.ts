import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.js';

/** Advisory lock key shared by every process that migrates or seeds ("orde" in ASCII). */
export const SETUP_LOCK_KEY = 0x6f72_6465;

/**
 * Applies pending migrations. Kysely already serialises migrators with a transaction-scoped
 * advisory lock; callers that also seed data hold {@link withSetupLock} around both.
 */
export async function migrateToLatest<D>(db: Kysely<D>): Promise<string[]> {
  const migrator = new Migrator({
    // The Migrator only needs the connection; the table types do not matter to it.
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'orderly_migrations',
    migrationLockTableName: 'orderly_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/**
 * Runs `fn` while holding a session-level advisory lock on one dedicated connection, so that
 * processes starting together migrate and seed one after another instead of racing. The workflow
 * engine's schema migration takes the same lock: Kysely's migrator introspects every table of the
 * database, and DBOS's migration renames and drops tables in schema `dbos`; run at the same time,
 * the introspection fails ("relation dbos.workflow_inputs does not exist"). Waiters poll with
 * `pg_try_advisory_lock` rather than block: DBOS builds indexes CONCURRENTLY, which waits for every
 * statement holding a snapshot, and a blocked lock call would be one (a deadlock through our code).
 */
export async function withSetupLock<T, D>(db: Kysely<D>, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    for (;;) {
      const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${SETUP_LOCK_KEY}) AS ok`.execute(
        conn,
      );
      if (r.rows[0]?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(${SETUP_LOCK_KEY})`.execute(conn);
    }
  });
}

/** Names of the migrations the database lacks (empty when up to date); used by `/readyz`. */
export async function pendingMigrations<D>(db: Kysely<D>): Promise<string[]> {
  const applied = await sql<{ name: string }>`SELECT name FROM orderly_migrations`
    .execute(db)
    .then((r) => new Set(r.rows.map((x) => x.name)))
    .catch(() => new Set<string>());
  return Object.keys(migrations).filter((m) => !applied.has(m));
}
