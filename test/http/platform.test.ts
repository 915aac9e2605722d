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

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { pointer: string; detail: string }[];
};

describe('HTTP platform', () => {
  it('answers /healthz and /readyz without a token', async () => {
    expect((await s.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await s.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('reports not ready with 503 when a migration is missing', async () => {
    const last = await s.tdb.pool.query(
      'DELETE FROM orderly_migrations WHERE name = (SELECT max(name) FROM orderly_migrations) RETURNING name',
    );
    const r = await s.request<{ status: string; detail: string }>('GET', '/readyz');
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: 'migrating', detail: last.rows[0].name });
    await s.tdb.pool.query('INSERT INTO orderly_migrations (name, timestamp) VALUES ($1, now())', [
      last.rows[0].name,
    ]);
    expect((await s.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('serves the OpenAPI document and a readable docs page', async () => {
    const doc = await s.request<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths).toHaveProperty('/api/users/me/');
    const page = await s.request('GET', '/api/docs/');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/customers/{uuid}/add_user/');
    expect(page.text).toContain('Grant a role on this customer');
  });

  it('echoes a sane X-Request-Id and puts the request id in problems', async () => {
    const r = await s.request<Problem & { request_id: string }>('GET', '/api/users/me/', {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    expect(r.body.request_id).toBe('abc-123');
    const generated = await s.request('GET', '/healthz', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown path with a 404 problem', async () => {
    const r = await s.request<Problem>('GET', '/api/nothing-here/', { token: staff.token });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({
      status: 404,
      code: 'not_found',
      title: 'Not Found',
      instance: '/api/nothing-here/',
    });
  });

  it('answers a wrong method on a known path with 405 and Allow', async () => {
    const r = await s.request<Problem>('DELETE', '/api/users/me/', { token: staff.token });
    expect(r.status).toBe(405);
    expect(r.body.code).toBe('method_not_allowed');
    expect(r.headers.get('allow')).toContain('GET');
  });

  it('answers malformed JSON with a 400 problem, never a 5xx', async () => {
    const r = await s.request<Problem>('POST', '/api/customers/', {
      token: staff.token,
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('malformed_json');
  });

  it('answers an unsupported content type with 415', async () => {
    const r = await s.request<Problem>('POST', '/api/customers/', {
      token: staff.token,
      rawBody: 'name=x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.status).toBe(415);
  });

  it('answers an oversized body with 413', async () => {
    const r = await s.request<Problem>('POST', '/api/customers/', {
      token: staff.token,
      body: { name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('body_too_large');
  });

  it('accepts an action POST with no body and no content type, or with an empty JSON body', async () => {
    const u = await makeUser(s.tdb.db);
    const noBody = await s.request('POST', `/api/users/${u.uuid}/refresh_token/`, { token: staff.token });
    expect(noBody.status).toBe(200);
    const empty = await s.request('POST', `/api/users/${u.uuid}/refresh_token/`, {
      token: staff.token,
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(200);
  });

  it('answers a query parameter of the wrong type with a 400 naming it', async () => {
    const r = await s.request<Problem>('GET', '/api/users/?page=abc', { token: staff.token });
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.pointer)).toContain('/query/page');
  });

  it('answers a page past the end with 404 "Invalid page." as Waldur does', async () => {
    const r = await s.request<Problem>('GET', '/api/users/?page=999', { token: staff.token });
    expect(r.status).toBe(404);
    expect(r.body.detail).toBe('Invalid page.');
    expect(
      (await s.request('GET', '/api/users/?page=1&username=nobody', { token: staff.token })).status,
    ).toBe(200);
  });

  it('finishes an in-flight request when the server closes', async () => {
    const other = await startTestServer();
    const u = await makeUser(other.tdb.db, { staff: true });
    // Hold the database so the request is still in flight when close() starts.
    const blocker = await other.tdb.pool.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const inFlight = other.request('GET', '/api/users/me/', { token: u.token });
    await new Promise((r) => setTimeout(r, 100));
    const closing = other.app.close();
    await blocker.query('COMMIT');
    blocker.release();
    const res = await inFlight;
    await closing;
    expect(res.status).toBe(200);
    await other.tdb.drop();
  });
});
