import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../src/platform/auth/actor.js';
import { ForbiddenError, InvalidStateError, NotFoundError } from '../../src/platform/errors.js';
import { addRoute } from '../../src/platform/http/route.js';
import { buildServer } from '../../src/platform/http/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let actor: Actor;
const token = { authorization: 'Token ok' };
const Params = z.object({ id: z.string() });
const Body = z.object({ n: z.number() });

let tdb: TestDatabase;
let app: FastifyInstance;
const steps: string[] = [];

/** A row count of the scratch table, to see what committed. */
const rows = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pipeline_probe`.execute(tdb.db)).rows[0]?.n);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await sql`CREATE TABLE pipeline_probe (id serial PRIMARY KEY)`.execute(tdb.db);
  // Idempotency keys belong to a real user.
  const u = await tdb.db
    .insertInto('users')
    .values({ username: 'pipeline-probe', token_lifetime: null })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  actor = {
    id: u.id,
    uuid: u.uuid,
    username: 'pipeline-probe',
    fullName: '',
    isStaff: false,
    isSupport: false,
  };
  app = await buildServer({
    logger: pino({ level: 'silent' }),
    db: tdb.db,
    // As in production: reads on read-only sessions without BEGIN/COMMIT.
    readDb: tdb.readDb,
    version: 'test',
    authenticate: async (t) => (t === 'ok' ? actor : undefined),
    routes: (a) => {
      // 404 → 403 → 409 → body 400 → effect, each step named by the object id.
      addRoute(a, {
        method: 'POST',
        url: '/probe/:id/',
        operationId: 'probe_create',
        summary: 'probe',
        tags: ['probe'],
        params: Params,
        body: Body,
        responses: { 201: z.object({ id: z.string() }) },
        load: async (_tx, ctx) => {
          if (ctx.params.id === 'missing') throw new NotFoundError('probe');
          return { id: ctx.params.id };
        },
        check: (_tx, _ctx, obj) => {
          if (obj.id === 'forbidden') throw new ForbiddenError();
          if (obj.id === 'busy') throw new InvalidStateError('probe.busy', 'Busy.');
        },
        run: async (tx, ctx, obj) => {
          ctx.body();
          await sql`INSERT INTO pipeline_probe DEFAULT VALUES`.execute(tx);
          if (obj.id === 'fails') throw new InvalidStateError('probe.fails', 'Fails after writing.');
          return {
            status: 201,
            body: { id: obj.id },
            afterCommit: async () => {
              steps.push(`after ${obj.id}: ${await rows()} rows`);
            },
          };
        },
      });
      addRoute(a, {
        method: 'GET',
        url: '/probe/',
        operationId: 'probe_list',
        summary: 'probe',
        tags: ['probe'],
        responses: { 200: z.object({ n: z.number() }) },
        run: async (tx) => {
          await sql`INSERT INTO pipeline_probe DEFAULT VALUES`.execute(tx);
          return { status: 200, body: { n: 0 } };
        },
      });
      addRoute(a, {
        method: 'GET',
        url: '/probe-write/',
        operationId: 'probe_list_writing',
        summary: 'probe',
        tags: ['probe'],
        tx: 'write',
        responses: { 200: z.object({ n: z.number() }) },
        run: async (tx) => {
          await sql`INSERT INTO pipeline_probe DEFAULT VALUES`.execute(tx);
          return { status: 200, body: { n: 0 } };
        },
      });
    },
  });
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const post = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/probe/${id}/`,
    headers: { ...token, ...headers },
    payload: body as object,
  });

describe('the route pipeline (load → check → run in one transaction)', () => {
  it('keeps Waldur’s order: 404, then 403, then 409, then the body’s 400', async () => {
    const bad = { n: 'x' };
    expect((await post('missing', bad)).statusCode).toBe(404);
    expect((await post('forbidden', bad)).statusCode).toBe(403);
    expect((await post('busy', bad)).statusCode).toBe(409);
    expect((await post('fine', bad)).statusCode).toBe(400);
    expect(await rows()).toBe(0);
  });

  it('commits the effect, then runs afterCommit; a failing run rolls its writes back', async () => {
    expect((await post('ok1', { n: 1 })).statusCode).toBe(201);
    expect(steps).toEqual(['after ok1: 1 rows']);
    expect((await post('fails', { n: 1 })).statusCode).toBe(409);
    expect(await rows()).toBe(1);
  });

  it('records a keyed POST with its effect and replays it without running again', async () => {
    const key = { 'idempotency-key': 'pipeline-1' };
    const first = await post('keyed', { n: 1 }, key);
    const again = await post('keyed', { n: 1 }, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual({ id: 'keyed' });
    expect(steps.filter((s) => s.startsWith('after keyed'))).toHaveLength(1);
    expect(await rows()).toBe(2);
  });

  it('runs a GET on a read-only session: a stray write fails and leaves nothing', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe/', headers: token });
    expect(res.statusCode).toBe(500);
    expect(await rows()).toBe(2);
    // The same route declared `tx: 'write'` may write: the 500 above was the read-only transaction.
    expect((await app.inject({ method: 'GET', url: '/probe-write/', headers: token })).statusCode).toBe(200);
    expect(await rows()).toBe(3);
  });

  it('refuses a mutating route outside the pipeline at registration', () => {
    expect(() =>
      addRoute(app, {
        method: 'POST',
        url: '/plain/',
        operationId: 'plain_create',
        summary: 'plain',
        tags: ['probe'],
        responses: { 200: null },
        tx: 'none',
        handler: async () => ({ status: 200 }),
      }),
    ).toThrow(/runs in the pipeline/);
  });
});
