import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { progressPendingProjectOrders, startScheduledOrders } from '../../app/scheduled-progress.js';
import { terminateExpiredResources } from '../../app/terminate-expired.js';

/**
 * The orders' deferred progress (orders spec §5.6, §11.5) as periodic jobs: each run is one
 * transaction under the job's advisory lock (platform/jobs), so a crash mid-run rolls the whole run
 * back and the next run redoes it, and two processes never run the same job at once.
 */
export function scheduledOrderJobs(everyMs: number): PeriodicJob[] {
  return [
    {
      name: 'orders.pending-project',
      everyMs,
      run: (tx, now) => progressPendingProjectOrders(tx, now),
    },
    {
      name: 'orders.pending-start-date',
      everyMs,
      run: (tx, now) => startScheduledOrders(tx, now),
    },
    {
      name: 'orders.resource-end-date',
      everyMs,
      run: (tx, now) => terminateExpiredResources(tx, 'resource_end_date', now),
    },
    {
      name: 'orders.project-end-date',
      everyMs,
      run: (tx, now) => terminateExpiredResources(tx, 'project_end_date', now),
    },
  ];
}
