import type { LockedOrder } from '../../../modules/orders/app/lock-order.js';
import { failProcessing } from '../../../modules/orders/app/outcomes.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { WorkflowDefinition, WorkflowEngine } from '../../../platform/workflows/index.js';

/** Enqueues a processor's durable run in the caller's transaction (so approving and starting commit together). */
export type DurableStart = (tx: Tx, o: LockedOrder, actor: Actor | null) => Promise<void>;

/** Arguments of an order's durable run: the order and its attempt (the fencing token of the run). */
export interface OrderRunArgs {
  orderId: number;
  attempt: number;
}

/**
 * Enqueues `workflow` for the order's current attempt, id `<prefix>-<uuid>-<attempt>`: a duplicate
 * start is a no-op, and a run of an older attempt finds itself stale.
 */
export function enqueueOrderRun(
  engine: WorkflowEngine,
  workflow: WorkflowDefinition<OrderRunArgs, string>,
  prefix: string,
): DurableStart {
  return async (tx, o) => {
    await engine.enqueue(tx, {
      workflow,
      workflowId: `${prefix}-${o.row.uuid}-${o.row.attempt_count}`,
      args: { orderId: o.row.id, attempt: o.row.attempt_count },
    });
  };
}

/**
 * The start of a processor whose work is a durable run: enqueue it and leave the order EXECUTING.
 * Without a workflow engine in this process (`start` undefined) the order fails at once with a clear
 * message rather than waiting for work nobody will do.
 */
export function startDurably(start: DurableStart | undefined) {
  return async (tx: Tx, o: LockedOrder, actor: Actor | null): Promise<LockedOrder> => {
    if (start) {
      await start(tx, o, actor);
      return o;
    }
    const message = `Processing of ${o.offeringType} orders needs a workflow worker, and none is configured.`;
    await failProcessing(tx, o, actor, message, '');
    return o;
  };
}
