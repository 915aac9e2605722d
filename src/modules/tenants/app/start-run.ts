import type { Tx } from '../../../platform/db/database.js';
import { insertRun } from '../adapters/pg/run-store.js';
import type { TenantRow } from '../adapters/pg/tenant-repository.js';
import { TenantEventType } from '../domain/event-types.js';
import type { RunKind } from '../domain/types.js';
import { settleTenant } from './lifecycle.js';
import { type TenantPorts, workflowIdOf } from './ports.js';
import { recordTenantEvent } from './tenant-events.js';

/** What starts a run. */
export interface NewRun {
  kind: RunKind;
  orderId: number;
  /** `order` (first attempt), `retry`, `decommission`. */
  trigger: string;
  actorId: number | null;
  reason?: string;
  forceDestroy?: boolean;
}

/**
 * Starts a run in the caller's transaction: run n+1 of its kind (attempt n+1 for provisioning),
 * the tenant's state through `settleRun`, the `started` event, and the workflow enqueued under its
 * deterministic id, so the state change and the durable start commit together (G12). Returns the run.
 */
export async function startRun(tx: Tx, t: TenantRow, r: NewRun, ports: TenantPorts) {
  const run = await insertRun(tx, {
    tenantId: t.id,
    kind: r.kind,
    workflowIdOf: (number) => workflowIdOf(t.uuid, r.kind, number),
    orderId: r.orderId,
    trigger: r.trigger,
    actorId: r.actorId,
    reason: r.reason ?? '',
    forceDestroy: r.forceDestroy ?? false,
    deadlineAt: new Date(Date.now() + ports.settings.runDeadlineMs),
  });
  const { number: n, workflowId } = run;
  // The run is inserted `queued`; only the tenant's side of its start is settled here.
  await settleTenant(tx, t, {
    run: { id: run.id, kind: r.kind },
    status: 'queued',
    // Decommissioning → Decommissioning is the one self-edge: a new decommission run after a failed one.
    recordSameState: r.kind === 'decommission',
    actorId: r.actorId,
    reason: r.reason ?? '',
    runId: run.id,
  });
  const order = await tx
    .selectFrom('orders')
    .select('uuid')
    .where('id', '=', r.orderId)
    .executeTakeFirstOrThrow();
  await recordTenantEvent(
    tx,
    t,
    r.kind === 'provision'
      ? {
          type: TenantEventType.PROVISIONING_STARTED,
          message: `Provisioning of tenant ${t.slug} started (attempt ${n}).`,
          actorId: r.actorId,
          orderId: r.orderId,
          reason: r.reason ?? '',
          payload: { attempt_number: n },
        }
      : {
          type: TenantEventType.DECOMMISSION_STARTED,
          message: `Decommission of tenant ${t.slug} started.`,
          actorId: r.actorId,
          orderId: r.orderId,
          reason: r.reason ?? '',
          payload: { reason: r.reason ? r.reason : null, order_uuid: order.uuid.replace(/-/g, '') },
        },
  );
  await ports.enqueueRun(tx, { kind: r.kind, workflowId, tenantId: t.id, runId: run.id });
  return { id: run.id, number: n, workflowId };
}
