import type { Processor } from '../../../modules/orders/app/processing-port.js';
import type { WorkflowDefinition, WorkflowEngine } from '../../../platform/workflows/index.js';
import type { ProcessOrderArgs } from '../workflow.js';
import { type DurableStart, startDurably } from './durable.js';

/**
 * Starts the `process-order` run (`../workflow.ts`: load the script, run it, record the outcome) in
 * the transaction that put the order in EXECUTING; the id `order-<uuid>-<attempt>` makes a duplicate
 * start a no-op and fences a stale run.
 */
export function scriptStart(
  engine: WorkflowEngine,
  workflow: WorkflowDefinition<ProcessOrderArgs, string>,
): DurableStart {
  return async (tx, o) => {
    await engine.enqueue(tx, {
      workflow,
      workflowId: `order-${o.row.uuid}-${o.row.attempt_count}`,
      args: { orderId: o.row.id, attempt: o.row.attempt_count },
    });
  };
}

/** `script` (Script offerings): the provider's script runs as durable work; `start` is unset without an engine. */
export function scriptProcessor(start: DurableStart | undefined): Processor {
  return { start: startDurably(start), forceDestroySkips: null };
}
