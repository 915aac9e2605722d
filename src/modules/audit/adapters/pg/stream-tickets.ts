import { sql } from 'kysely';
import { type Actor, actorFromUser } from '../../../../platform/auth/actor.js';
import type { Db } from '../../../../platform/db/database.js';
import { hashToken } from '../../../identity/domain/tokens.js';

/** The active user a live stream ticket belongs to, or undefined (unknown, expired, user inactive). */
export async function actorByStreamTicket(db: Db, ticket: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('event_stream_tickets as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.uuid', 'u.username', 'u.first_name', 'u.last_name', 'u.is_staff', 'u.is_support'])
    .where('t.ticket_hash', '=', hashToken(ticket))
    .where('t.expires_at', '>', sql<Date>`now()`)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  return row ? actorFromUser(row) : undefined;
}
