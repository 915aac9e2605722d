import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { EventsTable } from '../../../../platform/db/schema-marketplace.js';

/** Appends one event row (the log is append-only: nothing updates or deletes it). */
export async function insertEvent(tx: Tx, values: Insertable<EventsTable>): Promise<void> {
  await tx.insertInto('events').values(values).execute();
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
