import type { WorkflowDefinition, WorkflowEngine } from '../../platform/workflows/index.js';
import type { AsyncStarter } from '../process-order/async.js';
import type { RemoteRunArgs } from './submit.js';

/**
 * Starts the `remote-order` run in the transaction that put the order in EXECUTING (so approval and
 * forwarding commit together); the id `remote-order-<uuid>-<attempt>` makes a duplicate start a no-op.
 */
export function remoteOrderStarter(
  engine: WorkflowEngine,
  workflow: WorkflowDefinition<RemoteRunArgs, string>,
): AsyncStarter {
  return async (tx, o) => {
    await engine.enqueue(tx, {
      workflow,
      workflowId: `remote-order-${o.row.uuid}-${o.row.attempt_count}`,
      args: { orderId: o.row.id, attempt: o.row.attempt_count },
    });
  };
}
