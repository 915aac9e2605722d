import type { Actor } from '../../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import type { TenantSettings } from '../../app/settings.js';
import { findVisibleTenant } from '../pg/tenant-lookup.js';
import type { TenantRecord } from '../pg/tenant-query.js';

/** What the tenant routes need from the composition root. */
export interface TenantRouteDeps {
  db: Db;
  settings: TenantSettings;
  /** Cancels a run's workflow after a Reset commits (absent: fencing alone stops the run). */
  cancelRun?: (workflowId: string) => Promise<void>;
}

/** The visible tenant with this uuid, or 404 (an invisible tenant is never a 403). */
export async function loadVisibleTenant(tx: Tx, actor: Actor, uuid: string): Promise<TenantRecord> {
  return orNotFound(findVisibleTenant(tx, actor, uuid), 'tenant');
}

/** What a process hands the tenant routes (`AppServices.tenants`). */
export interface TenantServices {
  settings: TenantSettings;
  secrets?: SecretBox | undefined;
  cancelRun?: (workflowId: string) => Promise<void>;
}
