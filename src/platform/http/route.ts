import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Actor } from '../auth/actor.js';
import type { Tx } from '../db/database.js';
import { UnauthenticatedError, ValidationError } from '../errors.js';
import { idempotencyGuard, isReplay, type Replay } from './idempotency.js';
import { requestBase } from './pagination.js';
import { ProblemSchema } from './problem.js';

/** What a handler returns: a status, an optional body and extra headers. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs once the transaction has committed (not on a replay; a failure is only logged), e.g. to cancel a workflow. */
  afterCommit?: () => Promise<void>;
}

/** Everything a handler needs; the body is parsed only when asked, after the object checks. */
export interface HandlerContext<P, Q, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  /** The caller; routes marked `public` see `undefined` for anonymous callers. */
  actor: Actor;
  params: P;
  query: Q;
  /** Validates the body now (Waldur checks 404/403/409 before the body, orders.md §6). */
  body(): B;
  /** `<scheme>://<host>` for hyperlinks. */
  base: string;
}

/**
 * How a route uses the database: `write` runs in one read-write transaction (with idempotency for a
 * keyed POST), `read` in a read-only one (PostgreSQL refuses a stray write), `none` opens nothing
 * (the handler manages its own I/O: streams, health, docs).
 */
export type TxMode = 'none' | 'read' | 'write';

/** The schemas of a route, for validation and OpenAPI. */
interface RouteShape<P extends ZodType, Q extends ZodType, B extends ZodType> {
  method: HTTPMethods;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Reachable without a token. */
  public?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Request content types the body is documented with (default JSON); a parser must accept them. */
  consumes?: string[];
  /** Success responses: a schema, or `null` for no body. */
  responses: Record<number, ZodType | null>;
}

type Ctx<P extends ZodType, Q extends ZodType, B extends ZodType> = HandlerContext<
  z.output<P>,
  z.output<Q>,
  z.output<B>
>;

/**
 * The pipeline, in one transaction: `load` the object through its visibility query (404), `check`
 * it (403, then 409/405), `run` the one use case and present (the body is read there, so 400 comes
 * last). `tx` defaults to `read` for GET and `write` otherwise.
 */
export interface PipelineRouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, O>
  extends RouteShape<P, Q, B> {
  /** A function picks per request (a list that writes only for some callers stays on the read pool). */
  tx?: 'read' | 'write' | ((ctx: Ctx<P, Q, B>) => 'read' | 'write');
  load?(tx: Tx, ctx: Ctx<P, Q, B>): Promise<O>;
  check?(tx: Tx, ctx: Ctx<P, Q, B>, obj: O): Promise<void> | void;
  run(tx: Tx, ctx: Ctx<P, Q, B>, obj: O): Promise<RouteResult>;
  handler?: never;
}

/** A read without a transaction: the handler does its own I/O (streams, long polls, health, docs). */
export interface PlainRouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType>
  extends RouteShape<P, Q, B> {
  tx: 'none';
  handler(ctx: Ctx<P, Q, B>): Promise<RouteResult>;
  run?: never;
}

/** A declarative route: schemas, then either the pipeline (load → check → run) or a plain handler. */
export type RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, O = undefined> =
  | PipelineRouteSpec<P, Q, B, O>
  | PlainRouteSpec<P, Q, B>;

const errorStatuses = [400, 401, 403, 404, 405, 409] as const;
const readMethods: readonly string[] = ['GET', 'HEAD'];

/** Registered (method, path pattern) pairs; the not-found handler answers 405 for a known path. */
export const routeTable: { method: string; url: string; pattern: RegExp }[] = [];

/**
 * Registers one route with Orderly's pipeline: auth (401) → in the route's transaction: idempotency,
 * load (404), check (403/409/405), run (body 400, use case, presenter) → commit → reply.
 */
export function addRoute<P extends ZodType, Q extends ZodType, B extends ZodType, O = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B, O>,
): void {
  const response: Record<number, unknown> = {};
  for (const [status, schema] of Object.entries(spec.responses)) {
    response[Number(status)] = schema ?? z.null().meta({ description: 'No content' });
  }
  for (const s of errorStatuses) {
    if (!(s in response)) {
      response[s] = {
        description: 'Problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      };
    }
  }
  if (spec.handler && !readMethods.includes(spec.method as string)) {
    // A write outside the pipeline would commit without idempotency: refuse it at start-up.
    throw new Error(
      `${spec.operationId}: a ${String(spec.method)} route runs in the pipeline (load/check/run)`,
    );
  }
  if (!routeTable.some((r) => r.method === spec.method && r.url === spec.url)) {
    routeTable.push({ method: String(spec.method), url: spec.url, pattern: patternOf(spec.url) });
  }
  app.route({
    method: spec.method,
    url: spec.url,
    config: { public: spec.public === true },
    schema: {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: spec.tags,
      ...(spec.public ? {} : { security: [{ TokenAuth: [] }] }),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.consumes ? { consumes: spec.consumes } : {}),
      response,
    },
    handler: async (req, reply) => {
      if (!req.actor && !spec.public) throw new UnauthenticatedError();
      const ctx: Ctx<P, Q, B> = {
        req,
        reply,
        actor: req.actor as Actor,
        params: req.params as z.output<P>,
        query: req.query as z.output<Q>,
        body: () => parseBody(spec.body, req.body) as z.output<B>,
        base: requestBase(req),
      };
      const result = spec.run ? await runPipeline(app, spec, ctx) : await spec.handler(ctx);
      if (isReplay(result)) {
        reply.header('Idempotent-Replayed', 'true').code(result.status);
        return result.body === null
          ? reply.send()
          : reply.serializer((b: unknown) => JSON.stringify(b)).send(result.body);
      }
      // The effect has committed: a failure here is logged, never turned into an error response.
      if (result.afterCommit) {
        await result.afterCommit().catch((err: unknown) => req.log.warn({ err }, 'after-commit work failed'));
      }
      if (result.headers) reply.headers(result.headers);
      reply.code(result.status);
      return result.body === undefined ? reply.send() : reply.send(result.body);
    },
  });
}

/** load → check → run in the route's transaction; a keyed POST is locked, replayed or recorded in it. */
async function runPipeline<P extends ZodType, Q extends ZodType, B extends ZodType, O>(
  app: FastifyInstance,
  spec: PipelineRouteSpec<P, Q, B, O>,
  ctx: Ctx<P, Q, B>,
): Promise<RouteResult | Replay> {
  const mode =
    typeof spec.tx === 'function'
      ? spec.tx(ctx)
      : (spec.tx ?? (readMethods.includes(spec.method as string) ? 'read' : 'write'));
  const guard = mode === 'write' && ctx.req.actor ? idempotencyGuard(ctx.req, ctx.req.actor.id) : undefined;
  // Reads go to `readDb`, where the transaction below costs no round trip (read-only sessions).
  return (mode === 'read' ? app.readDb : app.db)
    .transaction()
    .setAccessMode(mode === 'read' ? 'read only' : 'read write')
    .execute(async (tx): Promise<RouteResult | Replay> => {
      const early = await guard?.before(tx);
      if (early) return early.replay;
      // Without `load` the route has no object: `O` is then `undefined` (the default).
      const obj = spec.load ? await spec.load(tx, ctx) : (undefined as O);
      await spec.check?.(tx, ctx, obj);
      const result = await spec.run(tx, ctx, obj);
      await guard?.after(tx, result);
      return result;
    });
}

/** Validates a body against its schema; an absent body is treated as `{}` (Waldur actions send none). */
export function parseBody<T>(schema: ZodType<T> | undefined, raw: unknown): T | undefined {
  if (!schema) return undefined;
  const input = raw === undefined || raw === null || raw === '' ? {} : raw;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    pointer: `/body${i.path.length ? `/${i.path.join('/')}` : ''}`,
    detail: i.message,
  }));
  const fields = [...new Set(errors.map((e) => e.pointer.replace('/body/', '').replace('/body', 'body')))];
  throw new ValidationError(`Invalid request body: ${fields.join(', ')}.`, errors);
}

/** Path pattern of a route; the trailing slash is optional, as in the router. */
function patternOf(url: string): RegExp {
  const escaped = url
    .replace(/\/$/, '')
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/:[A-Za-z_]+/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`);
}
