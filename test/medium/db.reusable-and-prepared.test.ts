import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantedScopeIds } from '../../src/modules/identity/api.js';
import type { Db } from '../../src/platform/db/database.js';
import { reusable } from '../../src/platform/db/reusable.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeUser } from '../support/factories.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe('reusable queries', () => {
  it('are compiled once and run with each call’s values (constants of the build kept)', async () => {
    const a = await makeUser(t.db, { username: 'reuse-a' });
    const b = await makeUser(t.db, { username: 'reuse-b', active: false });
    const byName = reusable((db: Db, p: { name: string }) =>
      db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', '=', p.name)
        .where('is_active', '=', true),
    );
    expect(await byName(t.db, { name: 'reuse-a' })).toEqual([{ id: a.id, username: 'reuse-a' }]);
    // The second call binds its own value; the build's constant (is_active = true) still filters.
    expect(await byName(t.db, { name: 'reuse-b' })).toEqual([]);
    expect(b.id).toBeGreaterThan(0);
  });

  it('refuse a value that shaped the query instead of becoming a parameter', async () => {
    const shaped = reusable((db: Db, p: { column: string }) =>
      db.selectFrom('users').select(sql.ref(String(p.column)).as('x')),
    );
    await expect(shaped(t.db, { column: 'username' })).rejects.toThrow(/column not a parameter/);
  });
});

describe('prepared statements and read sessions', () => {
  it('run parameterised statements as named ones on the connection, the same result every time', async () => {
    const u = await makeUser(t.db, { username: 'prep-a' });
    for (let i = 0; i < 7; i++) {
      const row = await t.db.selectFrom('users').select('username').where('id', '=', u.id).executeTakeFirst();
      expect(row?.username).toBe('prep-a');
    }
    const names = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_prepared_statements`.execute(t.db);
    expect(Number(names.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('leave unnamed an ON CONFLICT whose partial-index predicate has a parameter (fails as a generic plan)', async () => {
    await sql`CREATE TABLE prep_partial (a int NOT NULL, b text NOT NULL)`.execute(t.db);
    await sql`CREATE UNIQUE INDEX prep_partial_a ON prep_partial (a) WHERE b <> 'gone'`.execute(t.db);
    // Past the fifth run a prepared statement uses its generic plan: ten runs cover that switch.
    for (let i = 0; i < 10; i++) {
      await sql`INSERT INTO prep_partial (a, b) VALUES (${1}, ${'live'}) ON CONFLICT (a) WHERE b <> ${'gone'} DO NOTHING`.execute(
        t.db,
      );
    }
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM prep_partial`.execute(t.db);
    expect(Number(n.rows[0]?.n)).toBe(1);
  });

  it("let a grant query's generic plan use the partial active-grant indexes (is_active is a literal)", async () => {
    const u = await makeUser(t.db, { username: 'prep-grants' });
    const q = grantedScopeIds(t.db, u.id, 'project').compile();
    const plan = await t.db.connection().execute(async (c) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(c);
      // Without a usable index the plan would be a Seq Scan at any price: seqscan off shows which.
      await sql`SET enable_seqscan = off`.execute(c);
      try {
        await sql.raw(`PREPARE grants_generic AS ${q.sql}`).execute(c);
        const args = q.parameters.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
        const r = await sql
          .raw<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE grants_generic(${args})`)
          .execute(c);
        return r.rows.map((x) => x['QUERY PLAN']).join('\n');
      } finally {
        await sql`DEALLOCATE ALL`.execute(c);
        await sql`RESET ALL`.execute(c);
      }
    });
    expect(plan).toMatch(/Index (Only )?Scan using user_roles_\w+/);
    expect(plan).not.toMatch(/Seq Scan on user_roles/);
  });

  it('still run scripts without parameters (several commands in one text)', async () => {
    await sql`CREATE TEMP TABLE prep_t (x int); INSERT INTO prep_t VALUES (1); DROP TABLE prep_t`.execute(
      t.db,
    );
  });

  it('the read database sends no BEGIN/COMMIT and refuses writes', async () => {
    const r = await t.readDb.transaction().execute(async (tx) => {
      const s = await sql<{ tx: string; ro: string }>`
        SELECT (SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'active' AND xact_start = query_start)::text AS tx,
               current_setting('transaction_read_only') AS ro`.execute(tx);
      return s.rows[0];
    });
    // Each statement is its own transaction: it started when the statement did.
    expect(r).toEqual({ tx: '1', ro: 'on' });
    await expect(
      t.readDb
        .transaction()
        .execute((tx) => tx.insertInto('users').values({ username: 'ro', email: 'x' }).execute()),
    ).rejects.toThrow(/read-only transaction/);
  });
});
