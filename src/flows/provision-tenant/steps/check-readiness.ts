import { ensureLocalCa } from '../../../modules/tenants/adapters/ca/local-ca.js';
import {
  checkReadiness as probe,
  type ReadinessOutput,
} from '../../../modules/tenants/adapters/console/readiness.js';
import { hostOf } from '../../../modules/tenants/domain/slug.js';
import type { ProvisionStepDef } from '../../tenant-saga/step.js';

/**
 * Step 6 (§5.1): an HTTPS request to the tenant's admin console on the tenant console listener,
 * with the tenant's host name as SNI, verified against the local CA only. Read-only; about five
 * minutes of tries (30 × 10 s), then `tenant.not_ready`. Never reused by a retry.
 */
export const checkReadiness: ProvisionStepDef<'check_readiness', ReadinessOutput> = {
  name: 'check_readiness',
  retry: { maxAttempts: 30, initialDelayMs: 10_000, backoffFactor: 1, maxDelayMs: 10_000, timeoutMs: 10_000 },
  invoke: async (env) => {
    const ca = await ensureLocalCa(env.deps.db, env.deps.secrets);
    return probe(
      env.deps.db,
      env.worker,
      hostOf(env.tenant.slug, env.tenant.baseDomain),
      ca.certPem,
      env.signal,
    );
  },
  compensation: null,
};
