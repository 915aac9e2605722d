import { type Insertable, sql } from 'kysely';
import { everyColumnOf } from '../../../../platform/db/column-lists.js';
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

// Several rows as one array per column: one statement text (compiled once) for any number of rows.
const eventsInsert = reusable((db: Db, p: Record<EventColumnName, unknown[]>) =>
  db
    .insertInto('events')
    .columns(EVENT_COLUMNS)
    .expression(
      sql`SELECT * FROM unnest(${p.event_type}::text[], ${p.message}::text[], ${p.level}::text[],
        ${p.actor_id}::bigint[], ${p.reason}::text[], ${p.context}::jsonb[], ${p.order_id}::bigint[],
        ${p.resource_id}::bigint[], ${p.project_id}::bigint[], ${p.customer_id}::bigint[],
        ${p.offering_id}::bigint[], ${p.provider_customer_id}::bigint[], ${p.tenant_id}::bigint[])`,
    ),
);

type EventColumnName = keyof EventColumns;
// The order of the unnest() arrays above.
const EVENT_COLUMNS = everyColumnOf<EventColumns>()([
  'event_type',
  'message',
  'level',
  'actor_id',
  'reason',
  'context',
  'order_id',
  'resource_id',
  'project_id',
  'customer_id',
  'offering_id',
  'provider_customer_id',
  'tenant_id',
]);

/** Appends event rows in one statement, ids in the given order (one row: {@link insertEvent}). */
export async function insertEvents(tx: Tx, rows: EventColumns[]): Promise<void> {
  if (rows.length === 1) await eventInsert(tx, rows[0]!);
  if (rows.length <= 1) return;
  const column = (c: EventColumnName) =>
    rows.map((r) => (c === 'context' ? JSON.stringify(r.context) : r[c]) ?? null);
  await eventsInsert(
    tx,
    Object.fromEntries(EVENT_COLUMNS.map((c) => [c, column(c)])) as Record<EventColumnName, unknown[]>,
  );
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
