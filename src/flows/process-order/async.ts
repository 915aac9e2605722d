import type { Actor } from '../../modules/identity/domain/actor.js';
import { capabilitiesOf, type ProcessorKind } from '../../modules/offerings/domain/capabilities.js';
import type { LockedOrder } from '../../modules/orders/app/lock-order.js';
import { failProcessing } from '../../modules/orders/app/outcomes.js';
import type { Tx } from '../../platform/db/database.js';
import type { WorkflowDefinition, WorkflowEngine } from '../../platform/workflows/index.js';
import type { AsyncProcessors } from './dispatch.js';
import type { ProcessOrderArgs } from './workflow.js';

/** How an asynchronous processor kind is started: which workflow, with which id and arguments. */
export type AsyncStarter = (tx: Tx, o: LockedOrder, actor: Actor | null) => Promise<void>;

/**
 * Async processors on the workflow engine: the run is enqueued in the transaction that put the
 * order in EXECUTING, so approving and starting are atomic (no approved order without a run, no run
 * for a rolled-back approval). The id `order-<uuid>-<attempt>` makes a duplicate start a no-op.
 */
export function workflowAsyncProcessors(
  engine: WorkflowEngine,
  processOrder: WorkflowDefinition<ProcessOrderArgs, string>,
  extra: Partial<Record<ProcessorKind, AsyncStarter>> = {},
): AsyncProcessors {
  const starters: Partial<Record<ProcessorKind, AsyncStarter>> = {
    script: async (tx, o) => {
      await engine.enqueue(tx, {
        workflow: processOrder,
        workflowId: `order-${o.row.uuid}-${o.row.attempt_count}`,
        args: { orderId: o.row.id, attempt: o.row.attempt_count },
      });
    },
    ...extra,
  };
  return {
    async enqueue(tx, o, actor) {
      const start = starters[capabilitiesOf(o.offeringType).processor];
      if (start) return start(tx, o, actor);
      // Fail visibly rather than leave the order EXECUTING for work nobody will do.
      await failProcessing(
        tx,
        o,
        actor,
        `Processing of ${o.offeringType} orders is not available on this server.`,
        '',
      );
    },
  };
}
