import type { Db } from '../../../../platform/db/database.js';
import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { type CallbackDeps, deliverDueCallbacks } from '../../app/deliver-callbacks.js';

/** The order-callback job: POST the due state changes to the orders' callback URLs. */
export function callbackJobs(db: Db, everyMs: number, deps: CallbackDeps): PeriodicJob[] {
  return [
    {
      name: 'orders.callbacks',
      everyMs,
      // As with webhooks, the job's transaction only holds the advisory lock; the sends run outside it.
      run: (_tx, now) => deliverDueCallbacks(db, deps, now),
    },
  ];
}
