import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Actor } from '../../modules/identity/domain/actor.js';
import { withTxHooks } from '../db/tx-hooks.js';
import { UnauthenticatedError, ValidationError } from '../errors.js';
import { idempotencyHooks, isReplay } from './idempotency.js';
import { requestBase } from './pagination.js';
import { ProblemSchema } from './problem.js';

/** What a handler returns: a status, an optional body and extra headers. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
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

/** A declarative route: schemas for validation and OpenAPI, then one handler. */
export interface RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType> {
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
  handler(ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<RouteResult>;
}

const errorStatuses = [400, 401, 403, 404, 405, 409] as const;

/** Registered (method, path pattern) pairs; the not-found handler answers 405 for a known path. */
export const routeTable: { method: string; url: string; pattern: RegExp }[] = [];

/** Registers one route with Orderly's pipeline: auth → handler (which loads, authorizes, then parses). */
export function addRoute<P extends ZodType, Q extends ZodType, B extends ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B>,
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
      const ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>> = {
        req,
        reply,
        actor: req.actor as Actor,
        params: req.params as z.output<P>,
        query: req.query as z.output<Q>,
        body: () => parseBody(spec.body, req.body) as z.output<B>,
        base: requestBase(req),
      };
      const hooks = req.actor ? idempotencyHooks(req, req.actor.id) : undefined;
      const result = hooks ? await withTxHooks(hooks, () => spec.handler(ctx)) : await spec.handler(ctx);
      if (isReplay(result)) {
        reply.header('Idempotent-Replayed', 'true').code(result.status);
        return result.body === null
          ? reply.send()
          : reply.serializer((b: unknown) => JSON.stringify(b)).send(result.body);
      }
      if (result.headers) reply.headers(result.headers);
      reply.code(result.status);
      return result.body === undefined ? reply.send() : reply.send(result.body);
    },
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
