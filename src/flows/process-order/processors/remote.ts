import type { Processor } from '../../../modules/orders/app/processing-port.js';
import type { WorkflowDefinition, WorkflowEngine } from '../../../platform/workflows/index.js';
import type { RemoteRunArgs } from '../../remote-orders/submit.js';
import { type DurableStart, enqueueOrderRun, startDurably } from './durable.js';

/**
 * Starts the `remote-order` run (`src/flows/remote-orders/workflow.ts`: forward, then pull) in the
 * transaction that put the order in EXECUTING, so approval and forwarding commit together; id
 * `remote-order-<uuid>-<attempt>`.
 */
export function remoteStart(
  engine: WorkflowEngine,
  workflow: WorkflowDefinition<RemoteRunArgs, string>,
): DurableStart {
  return enqueueOrderRun(engine, workflow, 'remote-order');
}

/** `remote` (Waldur.RemoteOffering): forwarded to the remote instance, whose order state is pulled (§17 g). */
export function remoteProcessor(start: DurableStart | undefined): Processor {
  return { start: startDurably(start), forceDestroySkips: null };
}
