import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/server.js';
import { demoSecret } from '../../src/demo/demo-tokens.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// The web UI at `/` (a stand-in build, so this file does not depend on vite) and the public
// demo-user list, on a real server and database.
let tdb: TestDatabase;
let app: FastifyInstance;
let url: string;
let webRoot: string;
let dataDir: string;

beforeAll(async () => {
  webRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-web-'));
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-demo-'));
  await fs.mkdir(path.join(webRoot, 'assets'));
  await fs.writeFile(
    path.join(webRoot, 'index.html'),
    '<!doctype html><title>Orderly</title><div id="root"></div>',
  );
  await fs.writeFile(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log("app");');
  tdb = await createTestDatabase();
  await tdb.db.transaction().execute((tx) => seedDemo(tx, demoSecret(dataDir)));
  app = await buildApp(tdb.db, pino({ level: 'silent' }), { webRoot, demo: { dataDir } });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
  await fs.rm(webRoot, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${url}${p}`, { headers });

describe('the web UI at /', () => {
  it('serves index.html at / and for deep links, revalidated on every load', async () => {
    for (const p of ['/', '/orders/0123abcd', '/provider/orders?view=all']) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable and answers a missing file with a 404 problem', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await get('/assets/nope-1.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('never serves a file outside the build folder', async () => {
    const r = await get('/..%2f..%2f..%2fetc%2fpasswd');
    expect(await r.text()).not.toContain('root:');
  });

  it('leaves the API alone: unknown paths stay 404 problems, wrong methods 405, tokens 401', async () => {
    const unknown = await get('/api/nothing-here/');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: 404, code: 'not_found' });
    const wrongMethod = await get('/api/marketplace-orders/0123456789abcdef0123456789abcdef/retry/');
    expect(wrongMethod.status).toBe(405);
    expect((await get('/api/users/me/')).status).toBe(401);
    expect((await get('/healthz')).headers.get('content-type')).toContain('application/json');
  });

  it('says so when the UI is not built', async () => {
    const bare = await buildApp(tdb.db, pino({ level: 'silent' }), {
      webRoot: path.join(webRoot, 'missing'),
    });
    const r = await bare.inject({ method: 'GET', url: '/orders' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'web_ui_not_built' });
    await bare.close();
  });
});

describe('GET /api/demo-users/', () => {
  it('lists the demo users with working tokens when demo data is on, without a token', async () => {
    const r = await get('/api/demo-users/');
    expect(r.status).toBe(200);
    const users = (await r.json()) as { username: string; token: string; description: string }[];
    expect(users.map((u) => u.username)).toContain('paula');
    const paula = users.find((u) => u.username === 'paula');
    const me = await get('/api/users/me/', { authorization: `Token ${paula?.token}` });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('paula');
  });

  it('is an empty list when demo data is off', async () => {
    const plain = await buildApp(tdb.db, pino({ level: 'silent' }), { webRoot });
    const r = await plain.inject({ method: 'GET', url: '/api/demo-users/' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([]);
    await plain.close();
  });
});
