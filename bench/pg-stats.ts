// Statement counts and planning/execution time from pg_stat_statements, reset around each scenario.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';

/** What the database did between a reset and a read (this database only, every connection). */
export interface StatementStats {
  /** Top-level statements executed, BEGIN/COMMIT included (pg_stat_statements.track_utility). */
  calls: number;
  /** Planning time in ms; 0 when pg_stat_statements.track_planning is off. */
  planMs: number;
  execMs: number;
  /** WAL the statements wrote, in bytes (full-page images included). */
  walBytes: number;
}

/** Reset-and-read access to pg_stat_statements, or why it is not available. */
export interface StatementCounter {
  /** False when the server lacks the extension: the figures print as n/a. */
  available: boolean;
  /** Whether planning time is tracked (pg_stat_statements.track_planning). */
  planning: boolean;
  /** One line for the report: on, or n/a and why. */
  note: string;
  reset(): Promise<void>;
  read(): Promise<StatementStats | undefined>;
  /** The `limit` statements with the most execution + planning time since the reset. */
  top(limit: number): Promise<TopStatement[]>;
}

/** One normalized statement of pg_stat_statements (for BENCH_STATEMENTS). */
export interface TopStatement {
  query: string;
  calls: number;
  planMs: number;
  execMs: number;
  walBytes: number;
}

/**
 * Creates the extension if needed and checks it works. It must be in `shared_preload_libraries`
 * (the bench's embedded server sets it; an external DATABASE_URL server may not).
 */
export async function statementCounter(db: Kysely<DB>): Promise<StatementCounter> {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(db);
    await sql`SELECT pg_stat_statements_reset()`.execute(db);
    await sql`SELECT count(*) FROM pg_stat_statements`.execute(db);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const off = async () => undefined;
    return {
      available: false,
      planning: false,
      note: `pg_stat_statements n/a: ${why}`,
      reset: off,
      read: off,
      top: async () => [],
    };
  }
  const setting = await sql<{
    on: string;
  }>`SELECT current_setting('pg_stat_statements.track_planning') AS on`.execute(db);
  const planning = setting.rows[0]?.on === 'on';
  return {
    available: true,
    planning,
    note: `pg_stat_statements on (track_planning ${planning ? 'on' : 'off: planning ms n/a'})`,
    async reset() {
      await sql`SELECT pg_stat_statements_reset()`.execute(db);
    },
    async read() {
      // Our own reset and read statements are left out; everything else on this database counts.
      const r = await sql<{
        calls: string | null;
        plan: number | null;
        exec: number | null;
        wal: string | null;
      }>`
        SELECT sum(calls) AS calls, sum(total_plan_time) AS plan, sum(total_exec_time) AS exec,
               sum(wal_bytes) AS wal
          FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query NOT LIKE '%pg_stat_statements%'`.execute(db);
      const row = r.rows[0];
      return {
        calls: Number(row?.calls ?? 0),
        planMs: Number(row?.plan ?? 0),
        execMs: Number(row?.exec ?? 0),
        walBytes: Number(row?.wal ?? 0),
      };
    },
    async top(limit) {
      const r = await sql<{ query: string; calls: string; plan: number; exec: number; wal: string }>`
        SELECT query, calls, total_plan_time AS plan, total_exec_time AS exec, wal_bytes AS wal
          FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query NOT LIKE '%pg_stat_statements%'
         ORDER BY total_exec_time + total_plan_time DESC LIMIT ${limit}`.execute(db);
      return r.rows.map((x) => ({
        query: x.query,
        calls: Number(x.calls),
        planMs: Number(x.plan),
        execMs: Number(x.exec),
        walBytes: Number(x.wal),
      }));
    },
  };
}

/** Transactions committed so far in this database (pg_stat_database.xact_commit). */
export async function commitsSoFar(db: Kysely<DB>): Promise<number> {
  // Cumulative statistics are cached per transaction; clear the snapshot so each call is fresh.
  await sql`SELECT pg_stat_clear_snapshot()`.execute(db);
  const r = await sql<{ n: string }>`
    SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
