import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { seedDefaultRoles } from '../../src/modules/identity/app/manage-roles.js';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the maintenance database of the test server. */
    pgAdminUrl: string;
    /** Name of the migrated template database every test file clones. */
    templateDatabase: string;
  }
}

/** Name of the migrated template. */
const TEMPLATE = 'orderly_template';

/**
 * One embedded PostgreSQL for the whole run, durability off (fsync, synchronous_commit, full-page
 * writes: tests only), with a migrated, role-seeded template database.
 */
export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-test-pg-'));
  await fs.chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir,
    database: TEMPLATE,
    logger: pino({ level: 'warn' }),
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  await db.transaction().execute((tx) => seedDefaultRoles(tx));
  await db.destroy();
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  return async () => {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
