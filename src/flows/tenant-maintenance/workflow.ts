import { issueTenantCertificate } from '../../modules/tenants/adapters/ca/tenant-certificates.js';
import { recordScheduleOutcome } from '../../modules/tenants/adapters/pg/schedule-store.js';
import { storageExists } from '../../modules/tenants/adapters/storage/pg-storage.js';
import { hostOf } from '../../modules/tenants/domain/slug.js';
import { defineStep, defineWorkflow } from '../../platform/workflows/index.js';
import { TENANT_QUEUE } from '../provision-tenant/workflow.js';
import type { SagaDeps } from '../tenant-saga/deps.js';

/** Arguments of one maintenance run. */
export interface MaintenanceArgs {
  tenantId: number;
}

/** Certificates are renewed when this close to expiry. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

/**
 * `tenant.maintenance`: what a tenant's registered schedule runs (tenant spec §5.1 step 3) —
 * certificate renewal before expiry and a storage health check, recorded on the schedule row.
 * Only Active tenants are maintained; a decommissioned one has no schedule left to trigger it.
 */
export function tenantMaintenanceWorkflow(deps: SagaDeps) {
  const renew = defineStep<MaintenanceArgs, { renewed: boolean }>({
    name: 'certificate_renewal',
    retry: { maxAttempts: 3, initialDelayMs: 5_000, maxDelayMs: 30_000 },
    invoke: async ({ tenantId }) => {
      const t = await deps.db
        .selectFrom('tenants')
        .select(['id', 'slug', 'base_domain', 'state'])
        .where('id', '=', tenantId)
        .executeTakeFirstOrThrow();
      if (t.state !== 'Active') return { renewed: false };
      const live = await deps.db
        .selectFrom('tenant_certificates')
        .select('not_after')
        .where('tenant_id', '=', tenantId)
        .where('revoked_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (live && live.not_after.getTime() - Date.now() > RENEW_BEFORE_MS) return { renewed: false };
      await issueTenantCertificate(deps.db, deps.secrets, {
        id: t.id,
        host: hostOf(t.slug, t.base_domain),
        runId: null,
        renew: true,
      });
      return { renewed: true };
    },
  });
  const health = defineStep<MaintenanceArgs, { healthy: boolean }>({
    name: 'storage_health',
    retry: { maxAttempts: 3, initialDelayMs: 5_000, maxDelayMs: 30_000 },
    invoke: async ({ tenantId }) => {
      const s = await deps.db
        .selectFrom('tenant_storage')
        .select(['kind', 'name', 'role'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      const healthy = s !== undefined && (await storageExists(deps.db, s));
      await recordScheduleOutcome(deps.db, tenantId, healthy ? 'healthy' : 'storage missing');
      return { healthy };
    },
  });
  return defineWorkflow<MaintenanceArgs, string>({
    name: 'tenant.maintenance',
    queue: TENANT_QUEUE,
    run: async (ctx, args) => {
      const r = await ctx.step(renew, args);
      const h = await ctx.step(health, args);
      return `${r.renewed ? 'renewed' : 'certificate ok'}, ${h.healthy ? 'storage healthy' : 'storage missing'}`;
    },
  });
}
