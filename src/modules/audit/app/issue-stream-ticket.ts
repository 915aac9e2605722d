import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
import { hashToken } from '../../identity/domain/tokens.js';

/** How long a stream ticket opens streams: long enough for EventSource's reconnects after a blip. */
export const STREAM_TICKET_TTL_SECONDS = 300;

/** A ticket as shown to its owner (once). */
export interface IssuedTicket {
  ticket: string;
  expires: Date;
}

/**
 * Issues a short-lived credential for `GET /api/events/stream?ticket=…`: browsers' EventSource
 * cannot send an Authorization header, and an API token in a URL would end up in logs and
 * histories. Only its hash is stored; expired tickets are swept here, so the table stays small.
 */
export async function issueStreamTicket(tx: Tx, actor: Actor): Promise<IssuedTicket> {
  await tx.deleteFrom('event_stream_tickets').where('expires_at', '<', sql<Date>`now()`).execute();
  const ticket = randomBytes(24).toString('base64url');
  const row = await tx
    .insertInto('event_stream_tickets')
    .values({
      ticket_hash: hashToken(ticket),
      user_id: actor.id,
      expires_at: sql<Date>`now() + make_interval(secs => ${STREAM_TICKET_TTL_SECONDS})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return { ticket, expires: row.expires_at };
}
