import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { OrderCallbacksTable } from '../../../../platform/db/schema-callbacks.js';

/** Inserts a pending callback. */
export async function insertCallback(tx: Tx, values: Insertable<OrderCallbacksTable>): Promise<void> {
  await tx.insertInto('order_callbacks').values(values).execute();
}

/**
 * Claims up to `batch` due callbacks and counts the attempt; the row is due again only after
 * `leaseSeconds`. Only the oldest pending callback of an order is due, so a receiver sees an
 * order's changes in the order they happened.
 */
export function claimDueCallbacks(tx: Tx, now: Date, batch: number, leaseSeconds: number) {
  const due = tx
    .selectFrom('order_callbacks as c')
    .select('c.id')
    .where('c.state', '=', 'pending')
    .where('c.next_attempt_at', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('order_callbacks as p')
            .select('p.id')
            .whereRef('p.order_id', '=', 'c.order_id')
            .where('p.state', '=', 'pending')
            .whereRef('p.id', '<', 'c.id'),
        ),
      ),
    )
    .orderBy('c.next_attempt_at')
    .orderBy('c.id')
    .limit(batch)
    .forUpdate()
    .skipLocked();
  return tx
    .updateTable('order_callbacks')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_attempt_at: now,
      next_attempt_at: new Date(now.getTime() + leaseSeconds * 1000),
    })
    .where('id', 'in', due)
    .returning(['id', 'uuid', 'url', 'payload', 'attempts'])
    .execute();
}

/**
 * Records the outcome of attempt number `attempts` of a pending callback; fenced by that number,
 * so a late result of an expired lease changes nothing.
 */
export async function recordCallbackAttempt(
  tx: Tx,
  callbackId: number,
  attempts: number,
  set: Updateable<OrderCallbacksTable>,
): Promise<void> {
  await tx
    .updateTable('order_callbacks')
    .set(set)
    .where('id', '=', callbackId)
    .where('attempts', '=', attempts)
    .where('state', '=', 'pending')
    .execute();
}
