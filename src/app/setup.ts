import type { Logger } from 'pino';
import { demoSecret } from '../demo/demo-tokens.js';
import { liveDemoTokens, seedDemo } from '../demo/seed.js';
import { ensureBootstrapStaff } from '../modules/identity/app/bootstrap-staff.js';
import { seedDefaultRoles } from '../modules/identity/app/manage-roles.js';
import { type Db, inTransaction } from '../platform/db/database.js';
import { migrateToLatest, withSetupLock } from '../platform/db/migrate.js';

/** What start-up did, for the banner. */
export interface SetupResult {
  migrations: string[];
  demoSeeded: boolean;
  demoTokens: { username: string; description: string; token: string }[];
}

/** Options of {@link setupDatabase}. */
export interface SetupOptions {
  bootstrapStaffToken?: string | undefined;
  demo: boolean;
  dataDir: string;
}

/**
 * Migrations, built-in roles, the bootstrap staff account and the demo seed, all under one advisory
 * lock so that processes starting together take turns.
 */
export async function setupDatabase(db: Db, opts: SetupOptions, logger: Logger): Promise<SetupResult> {
  return withSetupLock(db, async () => {
    const migrations = await migrateToLatest(db);
    if (migrations.length > 0) logger.info({ migrations }, 'migrations applied');
    let demoSeeded = false;
    let demoTokens: SetupResult['demoTokens'] = [];
    await inTransaction(db, async (tx) => {
      await seedDefaultRoles(tx);
      if (opts.bootstrapStaffToken) await ensureBootstrapStaff(tx, opts.bootstrapStaffToken);
      if (opts.demo) {
        const secret = demoSecret(opts.dataDir);
        demoSeeded = await seedDemo(tx, secret);
        demoTokens = (await liveDemoTokens(tx, secret)).map((d) => ({
          username: d.user.username,
          description: d.user.description,
          token: d.token,
        }));
      }
    });
    return { migrations, demoSeeded, demoTokens };
  });
}
