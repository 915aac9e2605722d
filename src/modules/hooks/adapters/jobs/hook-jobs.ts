import type { Db } from '../../../../platform/db/database.js';
import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { type DeliveryDeps, deliverDueHooks } from '../../app/deliver-due.js';
import { fanOutEvents } from '../../app/fan-out-events.js';

/** The webhook jobs: fan new events out into deliveries, then send the due ones. */
export function hookJobs(db: Db, everyMs: number, deps: DeliveryDeps): PeriodicJob[] {
  return [
    { name: 'hooks.fan-out', everyMs, run: (tx) => fanOutEvents(tx) },
    {
      name: 'hooks.delivery',
      everyMs,
      // The job's own transaction only holds its advisory lock (one sender at a time). The sends
      // run outside it, in short transactions of their own: a transaction kept open (and writing)
      // across slow HTTP requests would hold row locks and hold back every live event stream.
      run: (_tx, now) => deliverDueHooks(db, deps, now),
    },
  ];
}
