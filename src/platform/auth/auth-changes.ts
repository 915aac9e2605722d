import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Tx } from '../db/database.js';
import { listenChannel } from '../process/listener.js';
import { ActorCache, type ActorCacheOptions } from './actor-cache.js';

/** Channel on which a change to what a user is or may do is announced (payload: user id, or `*`). */
export const AUTH_CHANNEL = 'orderly_auth';

/** The caches of this process that hear of its own changes before their commit. */
const localCaches = new Set<ActorCache>();

/**
 * Announces, inside `tx`, that the user's tokens or actor fields changed: PostgreSQL delivers the
 * notification to every process on commit (never on rollback). This process's caches stop serving
 * the user at once, so its next request cannot beat the notification.
 */
export async function announceAuthChange(tx: Tx, userId: number): Promise<void> {
  for (const c of localCaches) c.changing(userId);
  await sql`SELECT pg_notify(${AUTH_CHANNEL}, ${String(userId)})`.execute(tx);
}

/** A running cache with its LISTEN connection. */
export interface RunningActorCache {
  cache: ActorCache;
  stop(): Promise<void>;
}

/**
 * Starts an actor cache fed by LISTEN on {@link AUTH_CHANNEL}. `local: false` leaves it deaf to
 * this process's own announcements (a test's stand-in for a second process).
 */
export function startActorCache(
  url: string,
  logger: Logger,
  o: ActorCacheOptions & { local?: boolean } = {},
): RunningActorCache {
  const cache = new ActorCache(o);
  if (o.local !== false) localCaches.add(cache);
  const listener = listenChannel(
    url,
    AUTH_CHANNEL,
    { onNotify: (p) => cache.invalidate(p), onListening: (up) => cache.setListening(up) },
    logger,
  );
  return {
    cache,
    async stop() {
      localCaches.delete(cache);
      cache.setListening(false);
      await listener.stop();
    },
  };
}
