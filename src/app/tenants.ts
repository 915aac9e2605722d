import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { tenantWorkflows } from '../flows/provision-tenant/compose.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../modules/tenants/app/settings.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/database.js';
import { type SecretBox, secretBox } from '../platform/secrets/secret-box.js';

/** What the tenant saga needs from the process; every field has a default for tests and tools. */
export interface TenantWiring {
  databaseUrl?: string;
  secrets?: SecretBox;
  settings?: TenantSettings;
  logger?: Logger;
}

/** The saga's settings from the environment: TTL and deadline in seconds, faults as configured. */
export function tenantSettingsOf(config: Config): TenantSettings {
  const lockTtlMs = config.tenantLockTtlSeconds * 1000;
  return {
    lockTtlMs,
    // Three beats per TTL at least, so one slow beat never makes a live holder look stale.
    heartbeatMs: Math.min(DEFAULT_TENANT_SETTINGS.heartbeatMs, Math.floor(lockTtlMs / 3)),
    runDeadlineMs: config.tenantRunDeadlineSeconds * 1000,
    faultsEnabled: config.enableFaults,
  };
}

/**
 * The tenant workflows for `appWorkflows`. Without a secret box (tools that only enqueue or
 * inspect) an ephemeral key is used: such a process never opens sealed key material.
 */
export function appTenantWorkflows(db: Db, w: TenantWiring = {}) {
  const settings = w.settings ?? DEFAULT_TENANT_SETTINGS;
  const defs = tenantWorkflows({
    db,
    databaseUrl: w.databaseUrl ?? '',
    secrets: w.secrets ?? secretBox(randomBytes(32)),
    settings,
    logger: w.logger ?? pino({ level: 'silent' }),
  });
  return { ...defs, settings };
}
