import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, kyselyOn, openReadDb } from '../../src/platform/db/database.js';
import { ensureTestProcessing } from './processing.js';

/** A database of one's own, cloned from the migrated template. */
export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  pool: pg.Pool;
  /** What read routes use in production: read-only sessions without BEGIN/COMMIT (`openReadDb`). */
  readDb: Db;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Admin connection string with another database name. */
function urlFor(name: string): string {
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * `CREATE DATABASE … TEMPLATE orderly_template`: a migrated, role-seeded database in ~20 ms. Order
 * processing is installed on first use, as a process installs it at start (`processing.ts`).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  ensureTestProcessing();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`));
  const url = urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const db = kyselyOn(pool);
  const readDb = openReadDb(url, 10, 'orderly-test');
  return {
    name,
    url,
    db,
    pool,
    readDb,
    async drop() {
      await readDb.destroy();
      await db.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
