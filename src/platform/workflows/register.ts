import { DBOS } from '@dbos-inc/dbos-sdk';
import type { Logger } from 'pino';
import { invokeWithRetry } from './retry.js';
import type { AnyWorkflow, QueueSpec, StepDefinition, StepObserver, WorkflowContext } from './types.js';

/** The context handed to a workflow body while DBOS runs it. */
function workflowContext(logger: Logger): WorkflowContext {
  const workflowId = DBOS.workflowID;
  if (workflowId === undefined) throw new Error('workflow context requested outside a workflow');
  return {
    workflowId,
    executorId: DBOS.executorID,
    step<I, O>(step: StepDefinition<I, O>, input: I, observer?: StepObserver): Promise<O> {
      // One DBOS step per Orderly step: DBOS records the outcome under (workflow id, position) and a
      // replay returns the record without calling us. Retries are our loop inside (see retry.ts).
      return DBOS.runStep(
        () => {
          // Read inside the callback: DBOS exposes the step status only in the step's own context.
          const signal = DBOS.stepStatus?.cancelSignal ?? new AbortController().signal;
          return invokeWithRetry(step, input, { workflowId, signal, logger, observer });
        },
        { name: step.name, retriesAllowed: false },
      );
    },
  };
}

/**
 * Registers the workflows with DBOS. Must run before `DBOS.launch()`: DBOS runs (and recovers) only
 * functions it knew at launch. Names must be unique: a queued row is matched to code by name.
 */
export function registerWorkflows(workflows: readonly AnyWorkflow[], logger: Logger): void {
  const seen = new Set<string>();
  for (const def of workflows) {
    if (seen.has(def.name)) throw new Error(`workflow "${def.name}" is listed twice`);
    seen.add(def.name);
    const log = logger.child({ workflow: def.name });
    DBOS.registerWorkflow(async (args: never) => def.run(workflowContext(log), args), { name: def.name });
  }
}

/** The distinct queues the workflows use, plus `always` (the default queue); same name must mean same spec. */
export function queuesOf(workflows: readonly AnyWorkflow[], always: QueueSpec): QueueSpec[] {
  const byName = new Map<string, QueueSpec>([[always.name, always]]);
  for (const { queue } of workflows) {
    const known = byName.get(queue.name);
    if (
      known &&
      (known.workerConcurrency !== queue.workerConcurrency ||
        known.globalConcurrency !== queue.globalConcurrency)
    ) {
      throw new Error(`queue "${queue.name}" is declared twice with different settings`);
    }
    byName.set(queue.name, queue);
  }
  return [...byName.values()];
}
