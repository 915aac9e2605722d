import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

/** Marks where a parameter goes while the query is built once. */
class Slot {
  constructor(readonly key: string) {}
}

interface Compiled {
  sql: string;
  /** Per parameter: the key of the caller's value, or the constant the build put there. */
  params: ({ slot: string } | { value: unknown })[];
}

/**
 * A hot query built and compiled by Kysely once, then run with new values: building and compiling
 * the `/api/users/me/` grant join took as much of the server's CPU as running it. `build` must
 * give the same SQL whatever the values: scalar parameters only (pass a list as one array
 * parameter, `= any(${p.ids})`), no branching on them. The same text each call also lets the
 * connection reuse its prepared statement (`prepared.ts`).
 */
export function reusable<P extends Record<string, unknown>, O, DB>(
  build: (db: Kysely<DB>, p: P) => Compilable<O>,
): (db: Kysely<DB>, p: P) => Promise<O[]> {
  let compiled: Compiled | undefined;
  return async (db, p) => {
    if (!compiled) {
      const slots = Object.fromEntries(Object.keys(p).map((k) => [k, new Slot(k)])) as unknown as P;
      const q = build(db, slots).compile();
      compiled = {
        sql: q.sql,
        params: q.parameters.map((v) => (v instanceof Slot ? { slot: v.key } : { value: v })),
      };
      const used = new Set(compiled.params.flatMap((x) => ('slot' in x ? [x.slot] : [])));
      const missing = Object.keys(p).filter((k) => !used.has(k));
      // A value that never reached the parameters was used to shape the query: refuse, loudly.
      if (missing.length > 0) throw new Error(`reusable query: ${missing.join(', ')} not a parameter`);
    }
    const c = compiled;
    const values = c.params.map((x) => ('slot' in x ? p[x.slot] : x.value));
    const r = await db.executeQuery(CompiledQuery.raw(c.sql, values) as CompiledQuery<O>);
    return r.rows;
  };
}
