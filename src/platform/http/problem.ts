import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type ErrorKind, type FieldError } from '../errors.js';

/** The one map from domain error kinds to HTTP statuses (G7). */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unsupported: 405,
  invalid_state: 409,
  conflict: 409,
  validation: 400,
  unprocessable: 422,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** RFC 9457 problem details as Orderly sends them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable error code, e.g. `order.invalid_state`.' }),
    errors: z
      .array(z.object({ pointer: z.string(), detail: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid field.' }),
    request_id: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (`application/problem+json`).' });

/** A problem body. */
export type Problem = z.infer<typeof ProblemSchema>;

/** Builds and sends a problem+json reply. */
export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors: readonly FieldError[] = [],
): FastifyReply {
  const body: Problem = {
    type: `https://orderly.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: req.url,
    code,
    ...(errors.length ? { errors: [...errors] } : {}),
    request_id: String(req.id),
  };
  // Bypass route response schemas: a problem is never validated against a success shape.
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .serializer((b: unknown) => JSON.stringify(b))
    .send(body);
}

/** Fastify error handler: domain errors, schema validation, malformed bodies, then 500 for the rest. */
export function handleError(error: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    return sendProblem(req, reply, STATUS_BY_KIND[error.kind], error.code, error.message, error.errors);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = partName(error.validationContext);
    const errors = error.validation.map((v) => ({
      pointer: `/${part}${v.instancePath || ''}`,
      detail: v.message ?? 'Invalid value.',
    }));
    const names = errors.map((e) => e.pointer).join(', ');
    return sendProblem(req, reply, 400, 'validation_error', `Invalid ${part}: ${names}.`, errors);
  }
  if (isResponseSerializationError(error)) {
    req.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    return sendProblem(req, reply, 500, 'internal_error', 'The server failed to produce a valid response.');
  }
  const fe = error as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendProblem(req, reply, fe.statusCode, clientErrorCode(fe), clientErrorDetail(fe));
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendProblem(req, reply, 500, 'internal_error', 'An unexpected error occurred.');
}

function partName(ctx: string | undefined): string {
  if (ctx === 'querystring') return 'query';
  return ctx ?? 'body';
}

function clientErrorCode(fe: FastifyError): string {
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformed_json';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    default:
      return 'bad_request';
  }
}

function clientErrorDetail(fe: FastifyError): string {
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return 'JSON parse error: the request body is not valid JSON.';
  return fe.message;
}
