import type { Logger } from 'pino';
import type { TenantSettings } from '../../modules/tenants/app/settings.js';
import type { Db } from '../../platform/db/database.js';
import type { SecretBox } from '../../platform/secrets/secret-box.js';

/** What the tenant workflows need from the process (built in `src/app/runtime.ts`). */
export interface SagaDeps {
  db: Db;
  /** The app database's URL: database-kind tenant storage connects next to it. */
  databaseUrl: string;
  secrets: SecretBox;
  settings: TenantSettings;
  logger: Logger;
}

/** Arguments of a tenant run's workflow (JSON: recorded by the engine). */
export interface RunArgs {
  tenantId: number;
  runId: number;
}
