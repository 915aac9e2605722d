import {
  createStorage,
  dropStorage,
  type StorageOutput,
  storageExists,
} from '../../../modules/tenants/adapters/storage/pg-storage.js';
import { COMPENSATION_RETRY, type ProvisionStepDef } from '../../tenant-saga/step.js';

/**
 * Step 2 (§5.1): the tenant's PostgreSQL schema `tenant_<uuid hex>` (or database, per the offering
 * option `storage`) and its login role. Re-runs find what exists (`pg_roles`, `pg_namespace`,
 * `pg_database`). Permission denied and invalid configuration are permanent (errors.ts). Its
 * compensation drops the schema (CASCADE) or database, then the role.
 */
export const createStorageStep: ProvisionStepDef<'create_storage', StorageOutput> = {
  name: 'create_storage',
  retry: { maxAttempts: 5, initialDelayMs: 2_000, backoffFactor: 2, maxDelayMs: 30_000, timeoutMs: 60_000 },
  invoke: (env) =>
    createStorage(
      env.deps.db,
      env.deps.secrets,
      { id: env.tenant.id, uuid: env.tenant.uuid, runId: env.runId },
      env.tenant.storageKind,
    ),
  verify: (o, env) => storageExists(env.deps.db, o),
  compensation: {
    name: 'drop_storage',
    retry: COMPENSATION_RETRY,
    invoke: async (env) => {
      await dropStorage(
        env.deps.db,
        { id: env.tenant.id, uuid: env.tenant.uuid, runId: env.runId },
        env.tenant.storageKind,
      );
      return { dropped: true };
    },
  },
};
