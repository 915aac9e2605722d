import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/platform/auth/actor.js';
import { ActorCache, type TokenActor } from '../../src/platform/auth/actor-cache.js';

const actor = (id: number): Actor => ({
  id,
  uuid: `u-${id}`,
  username: `user${id}`,
  fullName: '',
  isStaff: false,
  isSupport: false,
});

/** A fake database: counts loads, answers from a mutable table. */
function fakeDb(rows: Record<string, TokenActor | undefined>) {
  const db = {
    loads: 0,
    load: async (hash: string) => {
      db.loads += 1;
      return rows[hash];
    },
  };
  return db;
}

describe('ActorCache', () => {
  it('goes to the database every time while the listener is not up, and after it drops', async () => {
    const c = new ActorCache();
    const db = fakeDb({ h1: { actor: actor(1), expiresAt: null } });
    await c.lookup('h1', db.load);
    await c.lookup('h1', db.load);
    expect(db.loads).toBe(2);
    c.setListening(true);
    await c.lookup('h1', db.load);
    await c.lookup('h1', db.load);
    expect(db.loads).toBe(3);
    c.setListening(false);
    await c.lookup('h1', db.load);
    expect(db.loads).toBe(4);
    c.setListening(true);
    await c.lookup('h1', db.load);
    expect(db.loads).toBe(5);
  });

  it("drops a user's entries on its notification, and everything on '*'", async () => {
    const c = new ActorCache();
    c.setListening(true);
    const rows: Record<string, TokenActor | undefined> = {
      h1: { actor: actor(1), expiresAt: null },
      h2: { actor: actor(2), expiresAt: null },
    };
    const db = fakeDb(rows);
    await c.lookup('h1', db.load);
    await c.lookup('h2', db.load);
    rows.h1 = undefined;
    c.invalidate('1');
    expect(await c.lookup('h1', db.load)).toBeUndefined();
    expect((await c.lookup('h2', db.load))?.id).toBe(2);
    expect(db.loads).toBe(3);
    c.invalidate('*');
    await c.lookup('h2', db.load);
    expect(db.loads).toBe(4);
  });

  it('does not store what a lookup read before an invalidation that overtook it', async () => {
    const c = new ActorCache();
    c.setListening(true);
    let release: () => void = () => undefined;
    const slow = (_h: string) =>
      new Promise<TokenActor>((resolve) => {
        release = () => resolve({ actor: actor(1), expiresAt: null });
      });
    const pending = c.lookup('h1', slow);
    c.invalidate('1');
    release();
    await pending;
    const db = fakeDb({ h1: undefined });
    expect(await c.lookup('h1', db.load)).toBeUndefined();
  });

  it('keeps a user changed by this process out until its commit notification', async () => {
    const c = new ActorCache();
    c.setListening(true);
    const db = fakeDb({ h1: { actor: actor(1), expiresAt: null } });
    await c.lookup('h1', db.load);
    c.changing(1);
    await c.lookup('h1', db.load);
    await c.lookup('h1', db.load);
    expect(db.loads).toBe(3);
    c.invalidate('1');
    await c.lookup('h1', db.load);
    await c.lookup('h1', db.load);
    expect(db.loads).toBe(4);
  });

  it('serves neither expired tokens nor entries past the max age, and evicts the least recently used', async () => {
    let now = 1_000_000;
    const c = new ActorCache({ maxEntries: 2, maxAgeMs: 60_000, now: () => now });
    c.setListening(true);
    const db = fakeDb({
      h1: { actor: actor(1), expiresAt: new Date(now + 10_000) },
      h2: { actor: actor(2), expiresAt: null },
      h3: { actor: actor(3), expiresAt: null },
      h4: { actor: actor(4), expiresAt: null },
    });
    await c.lookup('h1', db.load);
    now += 10_000;
    expect(await c.lookup('h1', db.load)).toBeUndefined();
    await c.lookup('h2', db.load);
    now += 60_000;
    await c.lookup('h2', db.load);
    expect(db.loads).toBe(4);
    await c.lookup('h3', db.load);
    await c.lookup('h2', db.load);
    expect(db.loads).toBe(5);
    await c.lookup('h4', db.load); // evicts h3, the least recently used
    await c.lookup('h3', db.load);
    expect(db.loads).toBe(7);
  });
});
