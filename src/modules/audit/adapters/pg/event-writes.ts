import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { reusable } from '../../../../platform/db/reusable.js';
import type { EventsTable } from '../../../../platform/db/schema-marketplace.js';

/** Every column `recordEvent` writes (all of them given, so the statement is always the same). */
export type EventColumns = Required<
  Pick<
    Insertable<EventsTable>,
    | 'event_type'
    | 'message'
    | 'level'
    | 'actor_id'
    | 'reason'
    | 'context'
    | 'order_id'
    | 'resource_id'
    | 'project_id'
    | 'customer_id'
    | 'offering_id'
    | 'provider_customer_id'
    | 'tenant_id'
  >
>;

// Several events per order action: compiled once (`reusable`).
const eventInsert = reusable((db: Db, p: EventColumns) => db.insertInto('events').values(p));

/** Appends one event row (the log is append-only: nothing updates or deletes it). */
export async function insertEvent(tx: Tx, values: EventColumns): Promise<void> {
  await eventInsert(tx, values);
}

/** Appends event rows in one statement, ids in the given order (one row: {@link insertEvent}). */
export async function insertEvents(tx: Tx, rows: EventColumns[]): Promise<void> {
  if (rows.length === 1) await eventInsert(tx, rows[0]!);
  else if (rows.length > 1) await tx.insertInto('events').values(rows).execute();
}

/** Deletes stream tickets past their expiry. */
export async function deleteExpiredStreamTickets(tx: Tx): Promise<void> {
  await tx.deleteFrom('event_stream_tickets').where('expires_at', '<', sql<Date>`now()`).execute();
}

/** Stores a stream ticket's hash for a user, valid for `ttlSeconds`; returns when it expires. */
export async function insertStreamTicket(
  tx: Tx,
  ticketHash: Buffer,
  userId: number,
  ttlSeconds: number,
): Promise<Date> {
  const row = await tx
    .insertInto('event_stream_tickets')
    .values({
      ticket_hash: ticketHash,
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return row.expires_at;
}
