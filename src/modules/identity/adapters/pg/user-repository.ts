import { type Selectable, sql } from 'kysely';
import { type Actor, actorFromUser } from '../../../../platform/auth/actor.js';
import type { TokenActor } from '../../../../platform/auth/actor-cache.js';
import { announceAuthChange } from '../../../../platform/auth/auth-changes.js';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
import type { UsersTable } from '../../../../platform/db/schema.js';
import { hashToken, type IssuedToken } from '../../domain/tokens.js';
import { reachableCustomerIds } from './access-queries.js';

/** A user row as read. */
export type UserRow = Selectable<UsersTable>;

/** The live token of a user, without its secret. */
export interface TokenRow {
  token_prefix: string;
  created: Date;
  expires_at: Date | null;
}

/**
 * Token → actor in one round trip (the hot path of every request): a live, unexpired token of an
 * active user.
 */
export async function findActorByToken(db: Db, token: string): Promise<Actor | undefined> {
  return (await findTokenActor(db, hashToken(token)))?.actor;
}

/** {@link findActorByToken} by the token's hash, with the token's expiry (what the actor cache keeps). */
export async function findTokenActor(db: Db, hash: Buffer): Promise<TokenActor | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.uuid', 'users.username', 'users.first_name', 'users.last_name'])
    .select(['users.is_staff', 'users.is_support', 'api_tokens.expires_at'])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', sql<Date>`now()`)]),
    )
    .where('users.is_active', '=', true)
    .executeTakeFirst();
  return row ? { actor: actorFromUser(row), expiresAt: row.expires_at } : undefined;
}

/** A user visible to `actor`: staff and support see all, others themselves and people they share an organization with. */
export async function findVisibleUser(tx: Tx, actor: Actor, uuid: string): Promise<UserRow | undefined> {
  return visibleUsers(tx, actor).where('users.uuid', '=', uuid).selectAll('users').executeTakeFirst();
}

/** Base query of the users `actor` may see. */
export function visibleUsers(tx: Tx, actor: Actor) {
  const q = tx.selectFrom('users');
  if (actor.isStaff || actor.isSupport) return q;
  return q.where((eb) =>
    eb.or([
      eb('users.id', '=', actor.id),
      eb(
        'users.id',
        'in',
        tx
          .selectFrom('user_roles as ur')
          .leftJoin('projects as p', (j) =>
            j.onRef('p.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'project'),
          )
          .select('ur.user_id')
          .where('ur.is_active', '=', ACTIVE)
          .where((e) =>
            e.or([
              e.and([
                e('ur.scope_type', '=', 'customer'),
                e('ur.scope_id', 'in', reachableCustomerIds(tx, actor.id)),
              ]),
              e.and([
                e('ur.scope_type', '=', 'project'),
                e('p.customer_id', 'in', reachableCustomerIds(tx, actor.id)),
              ]),
            ]),
          ),
      ),
    ]),
  );
}

/** The user's live (not revoked, not expired) token (metadata only), if any. */
export async function findLiveToken(tx: Tx, userId: number): Promise<TokenRow | undefined> {
  return tx
    .selectFrom('api_tokens')
    .select(['token_prefix', 'created', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

/** Revokes every live token of the user; returns how many. */
export async function revokeTokens(tx: Tx, userId: number): Promise<number> {
  const r = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  // Every process drops the user's cached tokens when this commits.
  await announceAuthChange(tx, userId);
  return Number(r.numUpdatedRows);
}

/** Stores a new token's hash; expiry follows the user's token lifetime. */
export async function insertToken(
  tx: Tx,
  userId: number,
  issued: IssuedToken,
  lifetimeSeconds: number | null,
) {
  return tx
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      token_hash: issued.hash,
      token_prefix: issued.prefix,
      expires_at: lifetimeSeconds === null ? null : new Date(Date.now() + lifetimeSeconds * 1000),
    })
    .returning(['token_prefix', 'created', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** Locks a user row for a read-then-write sequence (token rotation). */
export async function lockUser(tx: Tx, userId: number): Promise<void> {
  await tx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}
