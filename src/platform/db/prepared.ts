import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Limits of {@link preparingPool}. */
export interface PreparedOptions {
  /** Distinct statement texts given a name (process-wide); later ones run unnamed (default 400). */
  maxStatements?: number;
  /**
   * Reads: transaction control is answered here and never sent, so each statement is its own
   * (implicit) transaction. Only for sessions that are read-only by default, where PostgreSQL still
   * refuses every write; READ COMMITTED gave each statement its own snapshot anyway.
   */
  autocommit?: boolean;
}

// A text that starts otherwise, e.g. with a comment, is never named: it asks to be planned with its
// values each time (see `countRows`).
const DML = /^\s*(select|insert|update|delete|with)\b/i;
const TX_CONTROL = /^\s*(begin|start transaction|commit|rollback)\b/i;
/**
 * `ON CONFLICT (col) WHERE col2 <> $1` names a partial unique index by a predicate with a parameter:
 * a generic plan (what a prepared statement switches to after five runs) cannot prove it matches, and
 * PostgreSQL answers "no unique or exclusion constraint matching". Such texts stay unnamed.
 */
const PARAM_IN_CONFLICT_TARGET =
  /\bon conflict\s*\([^)]*\)\s*where\b(?:(?!\bdo\s+(?:nothing|update)\b)[\s\S])*\$\d/i;
/** SQLSTATE 0A000 with this text: a column was added or dropped under a prepared `SELECT *`. */
const STALE_PLAN = 'cached plan must not change result type';

/**
 * The pool Kysely talks to, with each DML text run as a named prepared statement: PostgreSQL parses
 * and plans it once per connection (the order record's 11-table join took 2–4 ms to plan on every
 * request) and the connection sends only Bind/Execute afterwards. Names are process-wide (one name,
 * one text), so a statement is prepared at most once on each pooled connection; texts beyond
 * `maxStatements` (long `IN` lists of varying length) run unnamed. A migration that changes a table's
 * columns makes a prepared `SELECT *` fail once with 0A000; that connection is then discarded, so the
 * next request prepares afresh.
 */
export function preparingPool(pool: pg.Pool, opts: PreparedOptions = {}): PostgresPool {
  const names = new Map<string, string>();
  const max = opts.maxStatements ?? 400;
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= max || !DML.test(text) || PARAM_IN_CONFLICT_TARGET.test(text))
      return known;
    const name = `o${names.size + 1}`;
    names.set(text, name);
    return name;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let stale = false;
      const run = async (text: string, values: unknown[]) => {
        if (opts.autocommit && TX_CONTROL.test(text)) return { command: 'COMMIT', rowCount: 0, rows: [] };
        // Without parameters pg uses the simple protocol, which also runs multi-command scripts.
        const name = values.length > 0 ? nameOf(text) : undefined;
        try {
          return name === undefined
            ? await client.query(text, values)
            : await client.query({ name, text, values });
        } catch (err) {
          if (err instanceof Error && err.message.includes(STALE_PLAN)) stale = true;
          throw err;
        }
      };
      // A cursor (Kysely's streaming) is handed through as it is, synchronously.
      const query = ((text: string | pg.Submittable, values?: ReadonlyArray<unknown>) =>
        typeof text === 'string'
          ? run(text, [...(values ?? [])])
          : client.query(text)) as unknown as PostgresPoolClient['query'];
      return {
        query,
        release(destroy?: boolean) {
          client.release(destroy === true || stale);
        },
      };
    },
    end: () => pool.end(),
  };
}
