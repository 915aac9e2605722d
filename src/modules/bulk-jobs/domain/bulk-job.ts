/**
 * Bulk jobs: one order action over many orders (issue 16). Each order gets an outcome: `done` (the
 * action was applied), `refused` (the single action would have answered this problem) or `skipped`
 * (listed twice); `pending` until the workflow reaches it.
 */
import type { BulkItemOutcome } from '../../../platform/db/schema-bulk.js';

/** The order actions a bulk job can apply (each exactly as its single route would). */
export const BULK_ACTIONS = [
  'approve_by_provider',
  'reject_by_provider',
  'approve_by_consumer',
  'reject_by_consumer',
  'cancel',
  'retry',
  'set_state_done',
] as const;
/** One bulk action. */
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Most orders one job may name (one request, one page of the provider list and then some). */
export const MAX_BULK_ORDERS = 1000;

/** Counts of a job's items by outcome, and how many are finished. */
export interface BulkProgress {
  total: number;
  finished: number;
  done: number;
  refused: number;
  skipped: number;
  pending: number;
}

/** Progress from the items' outcomes. */
export function progressOf(outcomes: readonly BulkItemOutcome[]): BulkProgress {
  const n = (o: BulkItemOutcome) => outcomes.filter((x) => x === o).length;
  const pending = n('pending');
  return {
    total: outcomes.length,
    finished: outcomes.length - pending,
    done: n('done'),
    refused: n('refused'),
    skipped: n('skipped'),
    pending,
  };
}

/** Positions of uuids already listed earlier (those items are skipped, not applied twice). */
export function duplicatePositions(uuids: readonly string[]): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  uuids.forEach((u, i) => {
    if (seen.has(u)) dup.add(i);
    seen.add(u);
  });
  return dup;
}
