import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { applyDueFuturePrices } from '../pg/plan-writes.js';

/**
 * Waldur `copy_future_price_to_current_price`: prices scheduled by `update_prices` on a plan in
 * use become current on the first day of the next month. Each run is one transaction.
 */
export function planJobs(everyMs: number): PeriodicJob[] {
  return [{ name: 'offerings.future-prices', everyMs, run: (tx, now) => applyDueFuturePrices(tx, now) }];
}
