import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { scanDrift } from '../../app/scan-drift.js';

/** The drift scan as a periodic job (one transaction under its advisory lock, platform/jobs). */
export function driftJobs(everyMs: number): PeriodicJob[] {
  return [{ name: 'drift.scan', everyMs, run: (tx, now) => scanDrift(tx, now) }];
}
