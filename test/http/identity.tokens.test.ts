import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeCustomer, makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; detail: string }[];
}
interface UserAuthToken {
  token: string;
  created: string;
  expires_at: string | null;
  user_username: string;
  user_first_name: string;
  user_last_name: string;
  user_is_active: boolean;
  user_token_lifetime: number | null;
}

const MUST_HAVE = [
  'token',
  'created',
  'user_username',
  'user_first_name',
  'user_last_name',
  'user_is_active',
  'user_token_lifetime',
];
const TOKEN = /^[0-9a-f]{40}$/;
const hex = (uuid: string) => uuid.replace(/-/g, '');
const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let colleague: TestUser;
let stranger: TestUser;

/** A user created through the API: it has no token yet. */
async function newUser(body: Record<string, unknown> = {}): Promise<{ uuid: string; username: string }> {
  const username = `tok-${Math.random().toString(36).slice(2, 10)}`;
  const r = await s.request<{ uuid: string; username: string }>('POST', '/api/users/', {
    token: staff.token,
    body: { username, email: `${username}@example.org`, first_name: 'Tok', last_name: 'En', ...body },
  });
  expect(r.status).toBe(201);
  return r.body;
}
const tokenOf = (uuid: string, token = staff.token) =>
  s.request<UserAuthToken & Problem>('GET', `/api/users/${uuid}/token/`, { token });
const act = (uuid: string, action: string, token = staff.token) =>
  s.request<UserAuthToken & Problem>('POST', `/api/users/${uuid}/${action}/`, { token });
const me = async (token: string) => (await s.request('GET', '/api/users/me/', { token })).status;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  staff = await makeUser(db, { staff: true });
  const org = await makeCustomer(db);
  const other = await makeCustomer(db);
  [owner, colleague, stranger] = [await makeUser(db), await makeUser(db), await makeUser(db)];
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, colleague.id, 'CUSTOMER.MANAGER', { type: 'customer', id: org.id });
  await grant(db, stranger.id, 'CUSTOMER.OWNER', { type: 'customer', id: other.id });
});
afterAll(() => s.close());

describe('GET /api/users/{uuid}/token/', () => {
  it('issues a plaintext token once for a user without one, and shows it masked afterwards', async () => {
    const u = await newUser();
    const first = await tokenOf(hex(u.uuid));
    expect(first.status).toBe(200);
    for (const key of MUST_HAVE) expect(first.body).toHaveProperty(key);
    expect(first.body).toMatchObject({
      user_username: u.username,
      user_first_name: 'Tok',
      user_last_name: 'En',
      user_is_active: true,
      user_token_lifetime: null,
      expires_at: null,
    });
    expect(first.body.token).toMatch(TOKEN);
    expect(Number.isNaN(Date.parse(first.body.created))).toBe(false);
    expect(await me(first.body.token)).toBe(200);

    const second = await tokenOf(u.uuid);
    expect(second.status).toBe(200);
    expect(second.body.token).not.toBe(first.body.token);
    expect(second.body.token.startsWith(first.body.token.slice(0, 6))).toBe(true);
    expect(second.body.token).toMatch(/\*+$/);
    expect(second.body.created).toBe(first.body.created);
    expect(await me(first.body.token)).toBe(200);
  });

  it('answers 403 to a non-staff user asking for their own or a colleague’s token', async () => {
    expect((await tokenOf(owner.uuid, owner.token)).status).toBe(403);
    expect((await tokenOf(colleague.uuid, owner.token)).status).toBe(403);
  });

  it('answers 404 for a user of another organization and for an unknown uuid', async () => {
    expect((await tokenOf(stranger.uuid, owner.token)).status).toBe(404);
    expect((await tokenOf('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('rejects a malformed uuid with 400 naming the path parameter, and answers 401 without a token', async () => {
    const bad = await tokenOf('not-a-user');
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
    expect((await s.request('GET', `/api/users/${owner.uuid}/token/`)).status).toBe(401);
  });
});

describe('POST /api/users/{uuid}/refresh_token/', () => {
  it('answers 200 with a new plaintext token; the old one stops working and the new one works', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await act(u.uuid, 'refresh_token');
    expect(r.status).toBe(200);
    for (const key of MUST_HAVE) expect(r.body).toHaveProperty(key);
    expect(r.body.user_username).toBe(u.username);
    expect(r.body.token).toMatch(TOKEN);
    expect(r.body.token).not.toBe(u.token);
    expect(await me(u.token)).toBe(401);
    expect(await me(r.body.token)).toBe(200);
    const shown = await tokenOf(hex(u.uuid));
    expect(shown.body.token.slice(0, 6)).toBe(r.body.token.slice(0, 6));
  });

  it("answers 403 when a non-staff user rotates a colleague's token, and 404 for another organization", async () => {
    expect((await act(colleague.uuid, 'refresh_token', owner.token)).status).toBe(403);
    expect(await me(colleague.token)).toBe(200);
    expect((await act(stranger.uuid, 'refresh_token', owner.token)).status).toBe(404);
    expect(await me(stranger.token)).toBe(200);
  });

  it('rejects a malformed uuid with 400 naming the path parameter, and answers 401 without a token', async () => {
    const bad = await act('1-2-3', 'refresh_token');
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/uuid']);
    expect((await s.request('POST', `/api/users/${owner.uuid}/refresh_token/`)).status).toBe(401);
  });
});

describe('POST /api/users/{uuid}/revoke_token/', () => {
  it('answers 204; the token stops working, a second revoke is 404, and GET token issues a fresh one', async () => {
    const u = await makeUser(s.tdb.db);
    const r = await act(u.uuid, 'revoke_token');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(await me(u.token)).toBe(401);
    expect((await act(u.uuid, 'revoke_token')).status).toBe(404);
    const fresh = await tokenOf(u.uuid);
    expect(fresh.body.token).toMatch(TOKEN);
    expect(await me(fresh.body.token)).toBe(200);
  });

  it("answers 403 when a non-staff user revokes a colleague's token, and 404 for another organization", async () => {
    expect((await act(colleague.uuid, 'revoke_token', owner.token)).status).toBe(403);
    expect((await act(stranger.uuid, 'revoke_token', owner.token)).status).toBe(404);
    expect(await me(colleague.token)).toBe(200);
    expect(await me(stranger.token)).toBe(200);
  });

  it('answers 401 without a token', async () => {
    expect((await s.request('POST', `/api/users/${owner.uuid}/revoke_token/`)).status).toBe(401);
  });
});

describe('token_lifetime', () => {
  it('gives newly issued tokens an expiry; once it has passed the token is refused with 401', async () => {
    const u = await makeUser(s.tdb.db);
    const set = await s.request('PATCH', `/api/users/${u.uuid}/`, {
      token: staff.token,
      body: { token_lifetime: 3600 },
    });
    expect(set.status).toBe(200);
    const r = await act(u.uuid, 'refresh_token');
    expect(r.body.user_token_lifetime).toBe(3600);
    expect(r.body.expires_at).not.toBeNull();
    const seconds = (Date.parse(r.body.expires_at ?? '') - Date.parse(r.body.created)) / 1000;
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThan(3700);
    expect(await me(r.body.token)).toBe(200);

    const seen = s.actorCache.serving ? s.actorCache.nextInvalidation() : undefined;
    await s.tdb.pool.query(
      `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [u.id],
    );
    // Expiry forced by SQL, behind the identity module's back: announce it as its writes do.
    await s.tdb.pool.query(`SELECT pg_notify('orderly_auth', '*')`);
    await seen;
    const refused = await s.request<Problem>('GET', '/api/users/me/', { token: r.body.token });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_token');
  });

  it('lets GET token issue a working token when the stored one has expired', async () => {
    const u = await newUser({ token_lifetime: 60 });
    const first = await tokenOf(u.uuid);
    expect(first.body.user_token_lifetime).toBe(60);
    expect(first.body.expires_at).not.toBeNull();
    const seen = s.actorCache.serving ? s.actorCache.nextInvalidation() : undefined;
    await s.tdb.pool.query(
      `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = $1)`,
      [u.username],
    );
    // Expiry forced by SQL, behind the identity module's back: announce it as its writes do.
    await s.tdb.pool.query(`SELECT pg_notify('orderly_auth', '*')`);
    await seen;
    expect(await me(first.body.token)).toBe(401);
    const next = await tokenOf(u.uuid);
    expect(next.body.token).toMatch(TOKEN);
    expect(await me(next.body.token)).toBe(200);
  });
});

describe('token storage', () => {
  it('keeps no plaintext token in any column of api_tokens, only its SHA-256', async () => {
    const u = await newUser();
    const issued = (await tokenOf(u.uuid)).body.token;
    const rotated = (await act(u.uuid, 'refresh_token')).body.token;
    const plaintexts = [issued, rotated, staff.token, owner.token];
    for (const t of plaintexts) expect(t).toMatch(TOKEN);

    const { rows } = await s.tdb.pool.query<Record<string, unknown>>('SELECT * FROM api_tokens');
    expect(rows.length).toBeGreaterThanOrEqual(plaintexts.length);
    const rendered = rows.flatMap((row) =>
      Object.values(row).flatMap((v) =>
        Buffer.isBuffer(v) ? [v.toString('utf8'), v.toString('hex'), v.toString('base64')] : [String(v)],
      ),
    );
    for (const t of plaintexts) {
      expect(rendered.some((text) => text.includes(t))).toBe(false);
    }
    const dump = await s.tdb.pool.query<{ t: string }>('SELECT row_to_json(a)::text AS t FROM api_tokens a');
    for (const t of plaintexts) expect(dump.rows.some((r) => r.t.includes(t))).toBe(false);

    const live = await s.tdb.pool.query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM api_tokens a JOIN users u ON u.id = a.user_id WHERE u.username = $1 AND a.revoked_at IS NULL',
      [u.username],
    );
    expect(live.rows).toHaveLength(1);
    expect(live.rows[0]?.token_hash.equals(createHash('sha256').update(rotated).digest())).toBe(true);
  });
});
