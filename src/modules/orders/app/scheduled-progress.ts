import type { Tx } from '../../../platform/db/database.js';
import { ORDER_STATE_CODES } from '../domain/order-state.js';
import { nextStateAfterConsumer } from '../domain/routing.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';
import { startProcessing } from './processing-port.js';
import { needsProviderReview } from './routing.js';

/** `YYYY-MM-DD` of a run's clock (UTC), so a test can run a job "on" a later day. */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

/**
 * `process_pending_project_orders` (orders spec §5.6): PENDING_PROJECT orders whose project has
 * started (`start_date <= today`) or no longer has a start date (it was cleared) continue as
 * `continue_order_processing` does: provider review (for the consumer reviewer, else the creator) →
 * PENDING_PROVIDER and its approvers are mailed; else a future order start date → PENDING_START_DATE
 * (checked without the ENABLE_ORDER_START_DATE flag, quirk 12); else EXECUTING and processing
 * starts. The system acts (no actor). Candidates are taken with SKIP LOCKED, so an order a request
 * is changing is left for the next run.
 */
export async function progressPendingProjectOrders(tx: Tx, now: Date, batch = 100): Promise<number> {
  const today = dayOf(now);
  const due = await tx
    .selectFrom('orders as o')
    .innerJoin('projects as p', 'p.id', 'o.project_id')
    .select('o.id')
    .where('o.state', '=', ORDER_STATE_CODES['pending-project'])
    .where((eb) => eb.or([eb('p.start_date', 'is', null), eb('p.start_date', '<=', today)]))
    .orderBy('o.created')
    .orderBy('o.id')
    .limit(batch)
    .forUpdate('o')
    .skipLocked()
    .execute();
  for (const { id } of due) {
    const o = await lockOrder(tx, id);
    if (o.state !== 'pending-project') continue;
    const reviewer = o.row.consumer_reviewed_by ?? o.row.created_by;
    const to = nextStateAfterConsumer(
      await needsProviderReview(tx, o, reviewer),
      { today, projectStartDate: null, orderStartDate: o.row.start_date },
      false,
    );
    const moved = await moveOrder(tx, o, {
      to,
      action: 'project_started',
      event: 'approved',
      actor: null,
      trigger: 'project_start',
      reason: 'The project has started.',
    });
    if (to === 'executing') await startProcessing(tx, moved, null);
  }
  return due.length;
}

/**
 * `process_pending_start_date_orders` (§5.6): PENDING_START_DATE orders whose `start_date` is today
 * or past → EXECUTING and processing starts; later dates and other states are left alone.
 */
export async function startScheduledOrders(tx: Tx, now: Date, batch = 100): Promise<number> {
  const due = await tx
    .selectFrom('orders')
    .select('id')
    .where('state', '=', ORDER_STATE_CODES['pending-start-date'])
    .where('start_date', '<=', dayOf(now))
    .orderBy('start_date')
    .orderBy('id')
    .limit(batch)
    .forUpdate()
    .skipLocked()
    .execute();
  for (const { id } of due) {
    const o = await lockOrder(tx, id);
    if (o.state !== 'pending-start-date') continue;
    const moved = await moveOrder(tx, o, {
      to: 'executing',
      action: 'start_date_reached',
      event: 'approved',
      actor: null,
      trigger: 'start_date',
      reason: `The order's start date ${o.row.start_date ?? ''} has been reached.`,
    });
    await startProcessing(tx, moved, null);
  }
  return due.length;
}
