import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { TenantEventType } from '../domain/event-types.js';
import type { RunKind } from '../domain/types.js';

/**
 * Records an action's `reason` on the run it started in this transaction. The run is started by
 * the order's processor (orders → flows → tenants), whose port carries no reason, so the rows are
 * completed here before commit, as `resources/app/order-reason.ts` does for orders: `now()` is the
 * transaction's start, so `created = now()` selects exactly this transaction's rows.
 */
export async function attachRunReason(tx: Tx, tenantId: number, kind: RunKind, reason: string | undefined) {
  if (!reason) return;
  const run = await tx
    .selectFrom('tenant_runs')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('started_at', '=', sql<Date>`now()`)
    .executeTakeFirst();
  if (!run) return;
  await tx.updateTable('tenant_runs').set({ reason }).where('id', '=', run.id).execute();
  await tx
    .updateTable('tenant_transitions')
    .set({ reason })
    .where('run_id', '=', run.id)
    .where('reason', '=', '')
    .execute();
  await tx
    .updateTable('events')
    .set({ reason })
    .where('tenant_id', '=', tenantId)
    .where('created', '=', sql<Date>`now()`)
    .where('reason', '=', '')
    .execute();
  if (kind === 'decommission') {
    await tx
      .updateTable('events')
      .set({ context: sql<string>`jsonb_set(context, '{payload,reason}', to_jsonb(${reason}::text))` })
      .where('tenant_id', '=', tenantId)
      .where('event_type', '=', TenantEventType.DECOMMISSION_STARTED)
      .where('created', '=', sql<Date>`now()`)
      .execute();
  }
}
