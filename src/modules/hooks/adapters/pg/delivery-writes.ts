import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { HookDeliveriesTable } from '../../../../platform/db/schema-hooks.js';

/**
 * Claims up to `batch` due deliveries of active hooks (`FOR UPDATE SKIP LOCKED`, so concurrent
 * senders take different rows) and counts the attempt: the row becomes due again only after
 * `leaseSeconds`. Returns what the sender needs of each delivery and its hook.
 */
export function claimDueDeliveries(tx: Tx, now: Date, batch: number, leaseSeconds: number) {
  const due = tx
    .selectFrom('hook_deliveries as d')
    .innerJoin('hooks as h', 'h.id', 'd.hook_id')
    .select('d.id')
    .where('d.state', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where('h.is_active', '=', true)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(batch)
    .forUpdate('d')
    .skipLocked();
  return tx
    .updateTable('hook_deliveries as d')
    .from('hooks as h')
    .set({
      attempts: sql<number>`d.attempts + 1`,
      last_attempt_at: now,
      next_attempt_at: new Date(now.getTime() + leaseSeconds * 1000),
    })
    .whereRef('h.id', '=', 'd.hook_id')
    .where('d.id', 'in', due)
    .returning(['d.id', 'd.uuid', 'd.attempts', 'd.event_type', 'd.payload', 'd.replay_of'])
    .returning(['h.uuid as hook_uuid', 'h.destination_url', 'h.secret_sealed'])
    .execute();
}

/**
 * Records the outcome of attempt number `attempts` of a pending delivery; fenced by that number,
 * so a late result of an expired lease changes nothing.
 */
export async function recordDeliveryAttempt(
  tx: Tx,
  deliveryId: number,
  attempts: number,
  set: Updateable<HookDeliveriesTable>,
): Promise<void> {
  await tx
    .updateTable('hook_deliveries')
    .set(set)
    .where('id', '=', deliveryId)
    .where('attempts', '=', attempts)
    .where('state', '=', 'pending')
    .execute();
}

/** Inserts a copy of a delivery (same hook, event and payload) that replays it; returns the new uuid. */
export async function insertReplayDelivery(tx: Tx, deliveryId: number): Promise<string> {
  const row = await tx
    .insertInto('hook_deliveries')
    .columns(['hook_id', 'event_id', 'event_type', 'payload', 'replay_of'])
    .expression((eb) =>
      eb
        .selectFrom('hook_deliveries')
        .select(['hook_id', 'event_id', 'event_type', 'payload', 'id'])
        .where('id', '=', deliveryId),
    )
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return row.uuid;
}

/**
 * Inserts pending deliveries in chunks of 500, skipping a (hook, event) pair that already has
 * one (a repeated fan-out batch); returns how many were inserted.
 */
export async function insertDeliveries(
  tx: Tx,
  values: readonly Insertable<HookDeliveriesTable>[],
): Promise<number> {
  let created = 0;
  for (let i = 0; i < values.length; i += 500) {
    const r = await tx
      .insertInto('hook_deliveries')
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['hook_id', 'event_id']).where('replay_of', 'is', null).doNothing())
      .executeTakeFirst();
    created += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

/** Moves the named event cursor to a log position (inserted on first use). */
export async function saveEventCursor(tx: Tx, name: string, next: { tx: bigint; id: number }): Promise<void> {
  await tx
    .insertInto('event_cursors')
    .values({ name, tx_id: String(next.tx), event_id: next.id })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ tx_id: String(next.tx), event_id: next.id, modified: new Date() }),
    )
    .execute();
}
