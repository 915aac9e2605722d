import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';

let s: TestServer;
let staff: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  staff = await makeUser(s.tdb.db, { staff: true });
});
afterAll(() => s.close());

describe('GET /api/users/me/', () => {
  it('returns the caller with is_staff for a staff token', async () => {
    const r = await s.request<{ username: string; is_staff: boolean; uuid: string }>(
      'GET',
      '/api/users/me/',
      { token: staff.token },
    );
    expect(r.status).toBe(200);
    expect(r.body.is_staff).toBe(true);
    expect(r.body.username).toBe(staff.username);
    expect(r.body.uuid).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers 401 problem+json without a token', async () => {
    const r = await s.request<{ code: string; status: number }>('GET', '/api/users/me/');
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('not_authenticated');
  });

  it('answers 401 problem+json for a wrong token', async () => {
    const r = await s.request<{ code: string; detail: string }>('GET', '/api/users/me/', {
      token: 'wrong-token-value',
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'invalid_token', detail: 'Invalid token.' });
  });

  it('answers 401 for an inactive user and for a revoked token', async () => {
    const inactive = await makeUser(s.tdb.db, { active: false });
    expect((await s.request('GET', '/api/users/me/', { token: inactive.token })).status).toBe(401);
    const u = await makeUser(s.tdb.db);
    expect((await s.request('POST', `/api/users/${u.uuid}/revoke_token/`, { token: u.token })).status).toBe(
      204,
    );
    expect((await s.request('GET', '/api/users/me/', { token: u.token })).status).toBe(401);
  });
});
