import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { timeOutStaleOrders } from '../../app/time-out-orders.js';

/** The orders module's periodic jobs; the execution timeout is configurable (default 2 h, as Waldur). */
export function orderJobs(executionTimeoutSeconds: number): PeriodicJob[] {
  return [
    {
      name: 'orders.execution-timeout',
      everyMs: 60_000,
      run: (tx, now) => timeOutStaleOrders(tx, now, executionTimeoutSeconds),
    },
  ];
}
