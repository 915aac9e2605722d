import {
  type AdminUserOutput,
  adminUserExists,
  ensureAdminUser,
} from '../../../modules/tenants/adapters/storage/admin-user.js';
import type { StorageOutput } from '../../../modules/tenants/adapters/storage/pg-storage.js';
import { isValidEmail } from '../../../modules/tenants/domain/slug.js';
import type { Db } from '../../../platform/db/database.js';
import { StepError } from '../../tenant-saga/errors.js';
import type { ProvisionStepDef } from '../../tenant-saga/step.js';

async function storageOf(db: Db, tenantId: number): Promise<StorageOutput> {
  const s = await db
    .selectFrom('tenant_storage')
    .select(['kind', 'name', 'role'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  // Without storage there is nowhere to put the user; retrying will not create it.
  if (!s) throw new StepError('storage.missing', 'The tenant has no storage.', false);
  return s;
}

/**
 * Step 5 (§5.1): the tenant admin for `admin_email` in the tenant's storage, with a one-time setup
 * token kept only as a hash (the link is shown once, see admin-user.ts). Upsert by user name: an
 * existing user keeps its credentials. No compensation: dropping the storage removes the user.
 */
export const createAdminUser: ProvisionStepDef<'create_admin_user', AdminUserOutput> = {
  name: 'create_admin_user',
  retry: { maxAttempts: 3, initialDelayMs: 2_000, backoffFactor: 2, maxDelayMs: 20_000, timeoutMs: 60_000 },
  invoke: async (env) => {
    if (!isValidEmail(env.tenant.adminEmail)) {
      throw new StepError(
        'admin.invalid_email',
        `'${env.tenant.adminEmail}' is not a valid e-mail address.`,
        false,
      );
    }
    const storage = await storageOf(env.deps.db, env.tenant.id);
    return ensureAdminUser(
      env.deps.db,
      env.deps.databaseUrl,
      env.deps.secrets,
      { id: env.tenant.id, email: env.tenant.adminEmail, runId: env.runId },
      storage,
    );
  },
  verify: async (o, env) => {
    const s = await env.deps.db
      .selectFrom('tenant_storage')
      .select(['kind', 'name', 'role'])
      .where('tenant_id', '=', env.tenant.id)
      .executeTakeFirst();
    return s !== undefined && adminUserExists(env.deps.db, env.deps.databaseUrl, s, o.username);
  },
  compensation: null,
};
