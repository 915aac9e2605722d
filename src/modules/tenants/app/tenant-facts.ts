import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { can } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { BLOCKING_STATES, orderStateToCode } from '../../orders/domain/order-state.js';
import type { TenantRecord } from '../adapters/pg/tenant-query.js';
import type { FailedAttempt, TenantAbilityInput } from '../domain/abilities.js';
import { isActiveRun } from '../domain/statuses.js';
import { tenantStateOf } from '../domain/tenant-state.js';
import type { FailureDetails } from '../domain/types.js';

/** The lock as the API shows it, with its freshness under the configured TTL (§7). */
export interface LockView {
  holder: string;
  acquired_at: Date;
  heartbeat_at: Date;
  heartbeatAgeMs: number;
  fresh: boolean;
}

/** The tenant's lock row, if any. */
export async function lockOf(tx: Tx, tenantId: number, ttlMs: number): Promise<LockView | undefined> {
  const l = await tx
    .selectFrom('tenant_locks')
    .select(['holder', 'acquired_at', 'heartbeat_at', (eb) => eb.fn<Date>('now').as('now')])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!l) return undefined;
  // The database clock on both sides: heartbeats are written with now(), so no skew with this host.
  const age = l.now.getTime() - l.heartbeat_at.getTime();
  return {
    holder: l.holder,
    acquired_at: l.acquired_at,
    heartbeat_at: l.heartbeat_at,
    heartbeatAgeMs: age,
    fresh: age < ttlMs,
  };
}

/** Failed provisioning attempts, oldest first (the two-retries guidance compares the last two). */
export async function failedAttemptsOf(tx: Tx, tenantId: number): Promise<FailedAttempt[]> {
  const runs = await tx
    .selectFrom('tenant_runs')
    .select(['number', 'failed_activity', 'error'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'provision')
    .where('status', '=', 'failed')
    .orderBy('number')
    .execute();
  return runs.map((r) => {
    const e = (r.error ?? {}) as Partial<FailureDetails>;
    return {
      attempt: r.number,
      step: r.failed_activity,
      code: e.code ?? 'unknown',
      retryable: e.retryable ?? true,
    };
  });
}

/** Everything `tenantAbilities` and the action routes check, for one caller. */
export async function loadTenantFacts(
  tx: Tx,
  rec: TenantRecord,
  actor: Actor,
  lockTtlMs: number,
): Promise<TenantAbilityInput> {
  const lock = await lockOf(tx, rec.id, lockTtlMs);
  const runs = await tx
    .selectFrom('tenant_runs')
    .select(['kind', 'status'])
    .where('tenant_id', '=', rec.id)
    .orderBy('id', 'desc')
    .execute();
  const lastDecommission = runs.find((r) => r.kind === 'decommission');
  const pending = await tx
    .selectFrom('orders')
    .select('id')
    .where('resource_id', '=', rec.resource_id)
    .where('state', 'in', [...BLOCKING_STATES].map(orderStateToCode))
    .executeTakeFirst();
  return {
    state: tenantStateOf(rec.state),
    isStaff: actor.isStaff,
    canApprove: await can(tx, actor, Permission.ORDER_APPROVE, [
      { type: 'offering', id: rec.offering_id },
      { type: 'customer', id: rec.provider_customer_id },
    ]),
    canTerminate: await can(tx, actor, Permission.RESOURCE_TERMINATE, [
      { type: 'project', id: rec.project_id },
      { type: 'customer', id: rec.customer_id },
      { type: 'customer', id: rec.provider_customer_id },
    ]),
    activeRun: runs.some((r) => isActiveRun(r.status)),
    lock: lock ? { holder: lock.holder, heartbeatAgeMs: lock.heartbeatAgeMs, fresh: lock.fresh } : null,
    decommissionRecoverable:
      rec.state === 'Decommissioning' &&
      lastDecommission !== undefined &&
      ['failed', 'reset'].includes(lastDecommission.status),
    pendingOrder: pending !== undefined,
    failedAttempts: await failedAttemptsOf(tx, rec.id),
    adminConsoleUrl: rec.admin_console_url,
  };
}
