import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/server.js';
import type { ActorCache } from '../../src/platform/auth/actor-cache.js';
import { type RunningActorCache, startActorCache } from '../../src/platform/auth/auth-changes.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

// Server B stands for a second process: its own app and cache on the same database, deaf to this
// process's in-memory announcements (`local: false`), so it learns of changes only by NOTIFY.
let a: TestServer;
let bApp: FastifyInstance;
let bUrl: string;
let bAuth: RunningActorCache;
let staff: TestUser;

const status = async (base: string, path: string, token: string) =>
  (await fetch(`${base}${path}`, { headers: { authorization: `Token ${token}` } })).status;
const onA = (path: string, token: string) => status(a.url, path, token);
const onB = (path: string, token: string) => status(bUrl, path, token);

/** Waits (on events, not time) until the cache's LISTEN connection is up. */
async function serving(c: ActorCache): Promise<void> {
  while (!c.serving) await c.nextInvalidation();
}

/** Uses `token` on both servers until B serves it from memory. */
async function cachedOnBoth(token: string, path = '/api/users/me/'): Promise<void> {
  expect(await onA(path, token)).toBe(200);
  expect(await onB(path, token)).toBe(200);
  const hits = bAuth.cache.hits;
  expect(await onB(path, token)).toBe(200);
  expect(bAuth.cache.hits).toBe(hits + 1);
}

beforeAll(async () => {
  a = await startTestServer();
  const logger = pino({ level: 'silent' });
  bAuth = startActorCache(a.tdb.url, logger, { local: false });
  bApp = await buildApp(a.tdb.db, logger, { actorCache: bAuth.cache });
  bUrl = await bApp.listen({ port: 0, host: '127.0.0.1' });
  staff = await makeUser(a.tdb.db, { staff: true });
  await serving(a.actorCache);
  await serving(bAuth.cache);
});

afterAll(async () => {
  await bApp?.close();
  await bAuth?.stop();
  await a?.close();
});

describe('token → actor cache across processes', () => {
  it('refuses a token revoked on A: on A at once, on B as soon as B has the notification', async () => {
    const u = await makeUser(a.tdb.db);
    await cachedOnBoth(u.token);
    const seen = bAuth.cache.nextInvalidation();
    const r = await a.request('POST', `/api/users/${u.uuid}/revoke_token/`, { token: staff.token });
    expect(r.status).toBe(204);
    expect(await onA('/api/users/me/', u.token)).toBe(401);
    expect(await seen).toBe(String(u.id));
    expect(await onB('/api/users/me/', u.token)).toBe(401);
  });

  it('refuses the token of a user deactivated on A', async () => {
    const u = await makeUser(a.tdb.db);
    await cachedOnBoth(u.token);
    const seen = bAuth.cache.nextInvalidation();
    const r = await a.request('PATCH', `/api/users/${u.uuid}/`, {
      token: staff.token,
      body: { is_active: false },
    });
    expect(r.status).toBe(200);
    expect(await onA('/api/users/me/', u.token)).toBe(401);
    expect(await seen).toBe(String(u.id));
    expect(await onB('/api/users/me/', u.token)).toBe(401);
  });

  it('drops staff powers removed on A', async () => {
    const u = await makeUser(a.tdb.db, { staff: true });
    const other = await makeUser(a.tdb.db);
    const path = `/api/users/${other.uuid}/`;
    await cachedOnBoth(u.token, path);
    const seen = bAuth.cache.nextInvalidation();
    const r = await a.request('PATCH', `/api/users/${u.uuid}/`, {
      token: staff.token,
      body: { is_staff: false },
    });
    expect(r.status).toBe(200);
    expect(await onA(path, u.token)).toBe(404);
    expect(await seen).toBe(String(u.id));
    expect(await onB(path, u.token)).toBe(404);
  });
});
