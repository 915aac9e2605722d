import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { runAfterRollback } from '../db/after-rollback.js';
import type { Db } from '../db/database.js';
import { type Authenticate, registerTokenAuth } from './auth.js';
import { handleError, sendProblem } from './problem.js';
import { routeTable } from './route.js';
import './fastify-augment.js';

/** What the HTTP platform needs from the application. */
export interface ServerOptions {
  logger: Logger;
  /** The database of the route pipeline's transactions. */
  db: Db;
  /** The database of read routes (`openReadDb`); without it reads run in a READ ONLY transaction on `db`. */
  readDb?: Db | undefined;
  authenticate: Authenticate;
  /** Registers the modules' routes. */
  routes(app: FastifyInstance): Promise<void> | void;
  /** Largest accepted body; bigger ones get 413. */
  bodyLimit?: number;
  version: string;
}

/** Request id: the caller's `X-Request-Id` when sane, else a new uuid; echoed on every response. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
}

/** Builds the Fastify server: error map, token auth, OpenAPI, then the modules' routes. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // Waldur paths end with a slash and clients do not follow redirects: match both forms exactly.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    return503OnClosing: true,
  });
  app.decorate('db', opts.db);
  app.decorate('readDb', opts.readDb ?? opts.db);

  // Params and query are validated by Fastify; bodies are validated by the handler after the
  // object checks (see route.ts), so the body compiler only passes the raw value through.
  app.setValidatorCompiler((req) =>
    req.httpPart === 'body'
      ? (data: unknown) => ({ value: data })
      : validatorCompiler(req as Parameters<typeof validatorCompiler>[0]),
  );
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(async (err, req, reply) => {
    // A refused transition attached to the error is recorded now that the request's tx is gone (G5).
    await runAfterRollback(err, opts.db).catch((e: unknown) =>
      req.log.error({ err: e }, 'after-rollback write failed'),
    );
    return handleError(err, req, reply);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const allowed = routeTable.filter((r) => r.pattern.test(path)).map((r) => r.method);
    if (allowed.length > 0) {
      reply.header('Allow', [...new Set(allowed)].join(', '));
      return sendProblem(req, reply, 405, 'method_not_allowed', `Method "${req.method}" not allowed.`);
    }
    return sendProblem(req, reply, 404, 'not_found', 'Not found.');
  });

  // Waldur clients POST actions with no body but sometimes a JSON content type: an empty body is `{}`.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = Object.assign(new Error('invalid json'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      done(err, undefined);
    }
  });

  // Graceful shutdown: in-flight requests finish, and their keep-alive sockets close right after the
  // response instead of holding `close()` open until the client's idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('X-Request-Id', String(req.id));
    if (closing) reply.header('Connection', 'close');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Orderly API',
        version: opts.version,
        description:
          'Marketplace order management and resource provisioning, API-compatible with Waldur. ' +
          'Authenticate with `Authorization: Token <token>`. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: { TokenAuth: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  registerTokenAuth(app, opts.authenticate);
  await opts.routes(app);
  return app;
}
