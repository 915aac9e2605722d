import type { Actor } from './actor.js';

/** What the database says a token hash stands for: its actor and the token's expiry. */
export interface TokenActor {
  actor: Actor;
  expiresAt: Date | null;
}

/** Limits of an {@link ActorCache}. */
export interface ActorCacheOptions {
  /** Most entries kept; the least recently used go first (default 10,000). */
  maxEntries?: number;
  /** Safety net: an entry older than this is reloaded even without a notification (default 60 s). */
  maxAgeMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

interface Entry extends TokenActor {
  storedAt: number;
}

/**
 * Token hash → actor, in memory. It serves entries only while its invalidation feed (LISTEN on
 * `orderly_auth`) is up: a notification missed while the feed is down can never leave a revoked
 * token usable, because the cache is emptied when the feed drops and bypassed until it is back.
 */
export class ActorCache {
  /** Entries served from memory. */
  hits = 0;
  /** Lookups that went to the database. */
  misses = 0;
  /** Notifications processed (each drops a user's entries, or all). */
  invalidations = 0;
  private readonly entries = new Map<string, Entry>();
  /** Users changed in a transaction of this process whose commit notification has not arrived yet. */
  private readonly pending = new Map<number, number>();
  private listening = false;
  /** Bumped by every invalidation, so a lookup that raced one does not store what it read. */
  private generation = 0;
  private waiters: ((payload: string) => void)[] = [];
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(o: ActorCacheOptions = {}) {
    this.maxEntries = o.maxEntries ?? 10_000;
    this.maxAgeMs = o.maxAgeMs ?? 60_000;
    this.now = o.now ?? Date.now;
  }

  /** The actor of `hash`, from memory when safe, else from `load` (and remembered when safe). */
  async lookup(
    hash: string,
    load: (hash: string) => Promise<TokenActor | undefined>,
  ): Promise<Actor | undefined> {
    const now = this.now();
    const hit = this.listening ? this.entries.get(hash) : undefined;
    if (hit && this.fresh(hit, now)) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      this.hits += 1;
      return hit.actor;
    }
    if (hit) this.entries.delete(hash);
    this.misses += 1;
    const generation = this.generation;
    const found = await load(hash);
    if (!found) return undefined;
    if (found.expiresAt && found.expiresAt.getTime() <= this.now()) return undefined;
    if (this.listening && generation === this.generation && !this.isPending(found.actor.id, now)) {
      this.entries.set(hash, { ...found, storedAt: now });
      if (this.entries.size > this.maxEntries)
        this.entries.delete(this.entries.keys().next().value as string);
    }
    return found.actor;
  }

  /** The invalidation feed came up (entries may be kept) or went down (nothing is served from memory). */
  setListening(up: boolean): void {
    this.listening = up;
    this.clear();
    // Nothing stale can be served now either: whoever waits for an invalidation may go on.
    this.wake('*');
  }

  /** Whether entries are served from memory now. */
  get serving(): boolean {
    return this.listening;
  }

  /** A notification: `*` drops everything, a user id drops that user's entries. */
  invalidate(payload: string): void {
    if (payload === '*') this.clear();
    else {
      const userId = Number(payload);
      this.generation += 1;
      this.pending.delete(userId);
      for (const [hash, e] of this.entries) if (e.actor.id === userId) this.entries.delete(hash);
    }
    this.invalidations += 1;
    this.wake(payload);
  }

  /**
   * A transaction of this process changed the user: drop its entries now and keep them out until
   * the commit's notification arrives (or the max age passes, in case the transaction rolled back).
   */
  changing(userId: number): void {
    this.generation += 1;
    this.pending.set(userId, this.now() + this.maxAgeMs);
    for (const [hash, e] of this.entries) if (e.actor.id === userId) this.entries.delete(hash);
  }

  /** Resolves with the payload of the next notification processed, or `*` when the feed goes up or down (tests wait on it, not on time). */
  nextInvalidation(): Promise<string> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(payload: string): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(payload);
  }

  private clear(): void {
    this.generation += 1;
    // Pending users stay pending: their commit notifications are still to come.
    this.entries.clear();
  }

  private fresh(e: Entry, now: number): boolean {
    if (now - e.storedAt >= this.maxAgeMs) return false;
    if (e.expiresAt && e.expiresAt.getTime() <= now) return false;
    return !this.isPending(e.actor.id, now);
  }

  private isPending(userId: number, now: number): boolean {
    const until = this.pending.get(userId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.pending.delete(userId);
    return false;
  }
}
