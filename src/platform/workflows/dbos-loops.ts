import { wfQueueRunner } from '@dbos-inc/dbos-sdk/internal/wfqueue';
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

/** The cadences in force (for the test that pins them). */
export function dbosHousekeepingCadence(): RunnerCadence & { timeoutSweepMs: number } {
  const cadence = wfQueueRunner.constructor as unknown as RunnerCadence;
  return {
    reconcileIntervalMs: cadence.reconcileIntervalMs,
    transitionIntervalMs: cadence.transitionIntervalMs,
    timeoutSweepMs: workflowTimeoutConfig.pollingIntervalMs,
  };
}
