import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { LockedOrder } from '../../orders/app/lock-order.js';
import { failProcessing } from '../../orders/app/outcomes.js';
import { recordBackendId } from '../../resources/api.js';
import {
  activeRunOf,
  lockRowOf,
  lockTenant,
  lockTenantOfResource,
} from '../adapters/pg/tenant-repository.js';
import { insertTenant } from '../adapters/pg/tenant-store.js';
import { lockHeld, tenantInvalidState } from '../domain/errors.js';
import { tenantOfferingOptions } from '../domain/offering-options.js';
import { recordTransition } from './lifecycle.js';
import type { TenantPorts } from './ports.js';
import { startRun } from './start-run.js';
import { tenantAttributes } from './validate-order.js';

/**
 * The Tenant processor for a CREATE order entering EXECUTING (tenant spec §2.1), in the transaction
 * that moved the order: the first time it creates the tenant row (the slug reservation) and starts
 * attempt 1; on an order retry it starts attempt n+1 of the Failed tenant. A slug taken in a race
 * (the partial unique index closes it) errs the order and creates no tenant.
 */
export async function startProvisioning(tx: Tx, o: LockedOrder, actor: Actor | null, ports: TenantPorts) {
  const existing = await lockTenantOfResource(tx, o.resource.id);
  if (existing) {
    if (await activeRunOf(tx, existing.id)) return; // a duplicate start: the run exists already
    if (existing.state !== 'Failed') throw tenantInvalidState(['Failed']);
    const lock = await lockRowOf(tx, existing.id);
    if (lock)
      throw lockHeld({ holder: lock.holder, heartbeatAgeMs: Date.now() - lock.heartbeat_at.getTime() });
    const retry = await tx
      .selectFrom('order_transitions')
      .select('reason')
      .where('order_id', '=', o.row.id)
      .where('action', '=', 'retry')
      .where('is_valid', '=', true)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    await startRun(
      tx,
      existing,
      {
        kind: 'provision',
        orderId: o.row.id,
        trigger: 'retry',
        actorId: actor?.id ?? null,
        reason: retry?.reason ?? '',
      },
      ports,
    );
    return;
  }
  const offering = await tx
    .selectFrom('offerings')
    .select('plugin_options')
    .where('id', '=', o.row.offering_id)
    .executeTakeFirstOrThrow();
  let attrs: ReturnType<typeof tenantAttributes>;
  try {
    attrs = tenantAttributes(o.row.attributes, offering.plugin_options);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await failProcessing(tx, o, actor, err.message, '');
    return;
  }
  if (o.row.plan_id === null) {
    await failProcessing(tx, o, actor, 'A plan is required for tenants.', '');
    return;
  }
  const opts = tenantOfferingOptions(offering.plugin_options);
  const created = await insertTenant(tx, {
    resource_id: o.resource.id,
    creation_order_id: o.row.id,
    offering_id: o.row.offering_id,
    plan_id: o.row.plan_id,
    project_id: o.row.project_id,
    name: attrs.name,
    slug: attrs.slug,
    admin_email: attrs.adminEmail,
    base_domain: opts.baseDomain,
    storage_kind: opts.storage,
    state: 'Provisioning',
  });
  if (!created) {
    await failProcessing(tx, o, actor, `Slug '${attrs.slug}' is already in use.`, '');
    return;
  }
  // The resource's backend id is the tenant: the order's resource now has a scope (§2.1).
  await recordBackendId(tx, o.resource.id, created.uuid);
  const t = await lockTenant(tx, created.id);
  await recordTransition(tx, t.id, null, 'Provisioning', { actorId: actor?.id ?? null, runId: null });
  await startRun(
    tx,
    t,
    { kind: 'provision', orderId: o.row.id, trigger: 'order', actorId: actor?.id ?? null },
    ports,
  );
}
