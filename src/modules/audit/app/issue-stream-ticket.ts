import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { hashToken } from '../../identity/domain/tokens.js';
import { deleteExpiredStreamTickets, insertStreamTicket } from '../adapters/pg/event-writes.js';

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
  await deleteExpiredStreamTickets(tx);
  const ticket = randomBytes(24).toString('base64url');
  const expires = await insertStreamTicket(tx, hashToken(ticket), actor.id, STREAM_TICKET_TTL_SECONDS);
  return { ticket, expires };
}
