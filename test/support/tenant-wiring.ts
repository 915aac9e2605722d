import type { Logger } from 'pino';
import type { TenantWiring } from '../../src/app/tenants.js';
import {
  startTenantConsole,
  type TenantConsole,
} from '../../src/modules/tenants/adapters/console/console-server.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../src/modules/tenants/app/settings.js';
import { keyFromString, secretBox } from '../../src/platform/secrets/secret-box.js';
import type { TestDatabase } from './db.js';

/** The secret key of every test process (spawned workers get it as ORDERLY_SECRET_KEY). */
export const TEST_SECRET_KEY = 'orderly-test-secret-key-not-for-production';

/** Tenant saga settings of the tests: the spec's, with faults on (tests inject them). */
export function testTenantSettings(overrides: Partial<TenantSettings> = {}): TenantSettings {
  return { ...DEFAULT_TENANT_SETTINGS, faultsEnabled: true, ...overrides };
}

/** The tenant wiring of an in-process test server. */
export function testTenantWiring(
  tdb: TestDatabase,
  logger: Logger,
  settings: TenantSettings,
): Required<TenantWiring> {
  return { databaseUrl: tdb.url, secrets: secretBox(keyFromString(TEST_SECRET_KEY)), settings, logger };
}

/** The tenant console listener of an in-process worker (readiness checks reach it). */
export function startTestConsole(
  tdb: TestDatabase,
  w: Required<TenantWiring>,
  executorId: string,
): Promise<TenantConsole> {
  return startTenantConsole({
    db: tdb.db,
    databaseUrl: tdb.url,
    secrets: w.secrets,
    executorId,
    host: '127.0.0.1',
    port: 0,
    logger: w.logger,
  });
}
