import { INTERNAL_QUEUE_NAME } from '@dbos-inc/dbos-sdk/internal/utils';
import { type WorkflowQueue, wfQueueRunner } from '@dbos-inc/dbos-sdk/internal/wfqueue';
import { workflowTimeoutConfig } from '@dbos-inc/dbos-sdk/internal/workflow_management';

/** How often DBOS's housekeeping loops run in an Orderly worker (DBOS 5.3 default: every second). */
export const DBOS_HOUSEKEEPING_MS = 30_000;

/** The two cadences of DBOS 5.3's queue runner (`WFQueueRunner`, wfqueue.js), static and private there. */
interface RunnerCadence {
  reconcileIntervalMs: number;
  transitionIntervalMs: number;
}

/**
 * Slows the once-a-second loops DBOS runs in every worker that do nothing for Orderly: re-reading
 * the queue table (Orderly's dispatcher polls its queues itself, DBOS dispatches none: `listenQueues:
 * []`), moving DELAYED workflows to ENQUEUED (Orderly never enqueues with a delay) and cancelling
 * workflows past a deadline (Orderly sets none). Together three statements a second on an idle
 * server. The runner's cadences are static fields of a class the package does not export, reached
 * through its one instance; `test/workflows/idle.test.ts` pins that they exist, so an upgrade that
 * renames them fails there. Process-wide, like DBOS itself.
 */
export function slowDbosHousekeeping(ms = DBOS_HOUSEKEEPING_MS): void {
  const cadence = wfQueueRunner.constructor as unknown as RunnerCadence;
  cadence.reconcileIntervalMs = ms;
  cadence.transitionIntervalMs = ms;
  workflowTimeoutConfig.pollingIntervalMs = ms;
}

/**
 * DBOS's internal queue, which its runner polls every second whatever `listenQueues` says. Launch
 * recovery re-enqueues this executor's interrupted workflows onto it (the trigger then notifies), so
 * Orderly's dispatcher polls it alongside its own queues and DBOS's runner only every
 * {@link DBOS_HOUSEKEEPING_MS}. Call after `DBOS.launch()`, which registers the queue.
 */
export function takeOverInternalQueue(): WorkflowQueue | undefined {
  const q = wfQueueRunner.getInternalQueue(INTERNAL_QUEUE_NAME);
  if (q) q.minPollingIntervalMs = DBOS_HOUSEKEEPING_MS;
  return q;
}

/** The cadences in force (for the test that pins them). */
export function dbosHousekeepingCadence(): RunnerCadence & {
  timeoutSweepMs: number;
  internalQueueMs?: number;
} {
  const cadence = wfQueueRunner.constructor as unknown as RunnerCadence;
  return {
    reconcileIntervalMs: cadence.reconcileIntervalMs,
    transitionIntervalMs: cadence.transitionIntervalMs,
    timeoutSweepMs: workflowTimeoutConfig.pollingIntervalMs,
    internalQueueMs: wfQueueRunner.getInternalQueue(INTERNAL_QUEUE_NAME)?.minPollingIntervalMs,
  };
}
