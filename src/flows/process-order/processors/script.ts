import type { Processor } from '../../../modules/orders/app/processing-port.js';
import type { WorkflowDefinition, WorkflowEngine } from '../../../platform/workflows/index.js';
import type { ProcessOrderArgs } from '../workflow.js';
import { type DurableStart, enqueueOrderRun, startDurably } from './durable.js';

/**
 * Starts the `process-order` run (`../workflow.ts`: load the script, run it, record the outcome) in
 * the transaction that put the order in EXECUTING, id `order-<uuid>-<attempt>`.
 */
export function scriptStart(
  engine: WorkflowEngine,
  workflow: WorkflowDefinition<ProcessOrderArgs, string>,
): DurableStart {
  return enqueueOrderRun(engine, workflow, 'order');
}

/** `script` (Script offerings): the provider's script runs as durable work; `start` is unset without an engine. */
export function scriptProcessor(start: DurableStart | undefined): Processor {
  return { start: startDurably(start), forceDestroySkips: null };
}
