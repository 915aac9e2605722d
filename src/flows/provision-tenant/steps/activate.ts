import { sql } from 'kysely';
import { completeOrder } from '../../../modules/orders/app/outcomes.js';
import { publishEndpoints } from '../../../modules/resources/api.js';
import { completedOutputOf } from '../../../modules/tenants/adapters/pg/step-store.js';
import { setAdminConsoleUrl } from '../../../modules/tenants/adapters/pg/tenant-store.js';
import { settleRun } from '../../../modules/tenants/app/lifecycle.js';
import { recordTenantEvent } from '../../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../../modules/tenants/domain/event-types.js';
import { adminConsoleUrl, tenantOfferingOptions } from '../../../modules/tenants/domain/offering-options.js';
import { StepError } from '../../tenant-saga/errors.js';
import type { ProvisionStepDef } from '../../tenant-saga/step.js';

/** The step's checkpoint. */
export interface ActivateOutput {
  admin_console_url: string;
}

/**
 * Step 7 (§5.1): one transaction — tenant Active with its admin console URL, run succeeded (lock
 * released), resource OK with the URL as endpoint, CREATE order DONE, and (after `step_completed`)
 * `tenant.provisioning.succeeded`. A no-op when the tenant is already Active.
 */
export const activate: ProvisionStepDef<'activate', ActivateOutput> = {
  name: 'activate',
  retry: { maxAttempts: 3, initialDelayMs: 1_000, backoffFactor: 2, maxDelayMs: 30_000, timeoutMs: 60_000 },
  locksOrder: true,
  apply: async (tx, env) => {
    const t = env.tenant;
    if (t.state === 'Active' && t.adminConsoleUrl) return { admin_console_url: t.adminConsoleUrl };
    const ready = await completedOutputOf(tx, env.runId, 'check_readiness');
    const port = (ready as { console_port?: number } | null | undefined)?.console_port;
    if (!port) throw new StepError('tenant.not_ready', 'No completed readiness check in this run.', false);
    const opts = tenantOfferingOptions(t.pluginOptions);
    const url = adminConsoleUrl(opts.adminConsoleUrlTemplate, {
      slug: t.slug,
      baseDomain: t.baseDomain,
      port,
    });
    await setAdminConsoleUrl(tx, t.id, url);
    await settleRun(tx, t, {
      run: { id: env.runId, kind: 'provision' },
      status: 'succeeded',
      actorId: null,
      runId: env.runId,
    });
    await publishEndpoints(tx, t.resourceId, [{ name: 'Admin console', url }]);
    if (env.order?.state === 'executing') await completeOrder(tx, env.order, null, 'process');
    return { admin_console_url: url };
  },
  afterComplete: async (tx, env) => {
    const run = await tx
      .selectFrom('tenant_runs')
      .select([sql<number>`(extract(epoch from now() - started_at) * 1000)::int`.as('ms'), 'order_id'])
      .where('id', '=', env.runId)
      .executeTakeFirstOrThrow();
    await recordTenantEvent(tx, env.tenant, {
      type: TenantEventType.PROVISIONING_SUCCEEDED,
      message: `Tenant ${env.tenant.slug} is Active.`,
      actorId: null,
      orderId: run.order_id,
      payload: { attempt_number: env.attemptNumber, duration_ms: run.ms },
    });
  },
  compensation: null,
};
