import {
  type CertificateOutput,
  certificateValid,
  issueTenantCertificate,
  revokeTenantCertificates,
} from '../../../modules/tenants/adapters/ca/tenant-certificates.js';
import { hostOf } from '../../../modules/tenants/domain/slug.js';
import { COMPENSATION_RETRY, type ProvisionStepDef } from '../../tenant-saga/step.js';

/**
 * Step 4 (§5.1): a TLS certificate for `<slug>.<base_domain>` from Orderly's local CA (created on
 * first use, key sealed). A recorded certificate that is unrevoked, matches the host and has more
 * than 7 days left is reused; the CA's policy refusal is permanent (`ca.rejected`). Its compensation
 * revokes the tenant's certificates (already revoked = success).
 */
export const issueCertificate: ProvisionStepDef<'issue_certificate', CertificateOutput> = {
  name: 'issue_certificate',
  retry: { maxAttempts: 3, initialDelayMs: 5_000, backoffFactor: 2, maxDelayMs: 30_000, timeoutMs: 60_000 },
  invoke: (env) =>
    issueTenantCertificate(env.deps.db, env.deps.secrets, {
      id: env.tenant.id,
      host: hostOf(env.tenant.slug, env.tenant.baseDomain),
      runId: env.runId,
    }),
  verify: (o, env) => certificateValid(env.deps.db, env.tenant.id, o),
  compensation: {
    name: 'revoke_certificate',
    retry: COMPENSATION_RETRY,
    invoke: async (env) => ({
      revoked: await revokeTenantCertificates(env.deps.db, env.tenant.id, env.runId),
    }),
  },
};
