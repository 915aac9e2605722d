import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { LockedOrder } from '../../orders/app/lock-order.js';
import { failProcessing } from '../../orders/app/outcomes.js';
import { activeRunOf, lockRowOf, lockTenantOfResource } from '../adapters/pg/tenant-repository.js';
import { canTransition } from '../domain/tenant-state.js';
import { recordTransition } from './lifecycle.js';
import type { TenantPorts } from './ports.js';
import { startRun } from './start-run.js';

/** The reason given with the TERMINATE order (recorded on its "requested" event by the action). */
async function reasonOf(tx: Tx, orderId: number): Promise<string> {
  const e = await tx
    .selectFrom('events')
    .select('reason')
    .where('order_id', '=', orderId)
    .where('event_type', '=', 'marketplace_resource_terminate_requested')
    .executeTakeFirst();
  return e?.reason ?? '';
}

/**
 * The Tenant processor for a TERMINATE order entering EXECUTING (§6.3): the tenant moves to
 * Decommissioning and a decommission run starts. A tenant that cannot be decommissioned now
 * (Provisioning, a run or lock in the way) gets the refused transition recorded and the order errs.
 */
export async function startDecommission(tx: Tx, o: LockedOrder, actor: Actor | null, ports: TenantPorts) {
  const t = await lockTenantOfResource(tx, o.resource.id);
  if (!t) {
    await failProcessing(tx, o, actor, 'This resource has no tenant to decommission.', '');
    return;
  }
  const busy = (await activeRunOf(tx, t.id)) ?? (await lockRowOf(tx, t.id));
  if (!canTransition(t.state, 'Decommissioning') || busy) {
    await recordTransition(tx, t.id, t.state, 'Decommissioning', {
      actorId: actor?.id ?? null,
      runId: null,
      refused: true,
    });
    await failProcessing(
      tx,
      o,
      actor,
      busy
        ? `Tenant ${t.slug} has an active run or a lock; reset it first.`
        : `Tenant ${t.slug} is ${t.state}; valid states for decommission: Active, Failed, Decommissioning.`,
      '',
    );
    return;
  }
  const creator = o.row.created_by
    ? await tx.selectFrom('users').select('is_staff').where('id', '=', o.row.created_by).executeTakeFirst()
    : undefined;
  await startRun(
    tx,
    t,
    {
      kind: 'decommission',
      orderId: o.row.id,
      trigger: 'decommission',
      actorId: actor?.id ?? null,
      reason: await reasonOf(tx, o.row.id),
      // Only a staff request skips compensations (Waldur's force_destroy rule, §6.3 step 5).
      forceDestroy: o.row.attributes.action === 'force_destroy' && creator?.is_staff === true,
    },
    ports,
  );
}
