import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Tx } from '../db/database.js';
import { ConflictError, DomainError, ValidationError } from '../errors.js';
import { canonicalMultipart } from './multipart.js';

/** How long a key is remembered (orders spec §17 e: 24 hours). */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** A replayed response, recognised by the route wrapper. */
export interface Replay {
  idempotentReplay: true;
  status: number;
  body: unknown;
}

/** Whether a handler result is a replay. */
export function isReplay(v: unknown): v is Replay {
  return typeof v === 'object' && v !== null && (v as Replay).idempotentReplay === true;
}

/** The two steps of a keyed request, both run by the route pipeline inside the request's transaction. */
export interface IdempotencyGuard {
  /** First: lock the key, then find a stored response to replay (or refuse a reused key). */
  before(tx: Tx): Promise<{ replay: Replay } | undefined>;
  /** Last, before commit: store a 2xx result with the effect it describes. */
  after(tx: Tx, result: { status: number; body?: unknown }): Promise<void>;
}

/**
 * `Idempotency-Key` on a mutating POST (orders spec §17 e): first, a transaction-scoped advisory
 * lock on (user, key) — taken, or 409 while another request holds it — then a stored response for
 * the same body is replayed and a different body is refused with 422; last, a 2xx result is stored
 * in the same transaction as the effect, so a key is never recorded for work that rolled back.
 */
export function idempotencyGuard(req: FastifyRequest, userId: number): IdempotencyGuard | undefined {
  const header = req.headers['idempotency-key'];
  if (header === undefined || req.method !== 'POST') return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !/^[\x20-\x7e]{1,255}$/.test(key)) {
    throw ValidationError.field(
      '/headers/idempotency-key',
      'Idempotency-Key must be 1–255 printable ASCII characters.',
    );
  }
  // The same object may be addressed by a dashed or a hex uuid: both forms are one key scope.
  const path = (req.url.split('?')[0] ?? req.url)
    .toLowerCase()
    .replace(/([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})/g, '$1$2$3$4$5');
  const hash = createHash('sha256')
    // An upload is hashed by its parts, not its random multipart boundary (nor as JSON of a Buffer).
    .update(
      Buffer.isBuffer(req.body)
        ? (canonicalMultipart(req.body, req.headers['content-type']) ?? req.body)
        : JSON.stringify(req.body ?? null),
    )
    .digest();
  const where = (tx: Tx) =>
    tx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'response', 'created'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .where('method', '=', req.method)
      .where('path', '=', path);
  return {
    async before(tx) {
      // A second request with the key while the first is still running gets 409 (§17 e), not a wait.
      const got = await sql<{
        ok: boolean;
      }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`${userId}|${key}`}, 0)) AS ok`.execute(tx);
      if (!got.rows[0]?.ok) {
        throw new ConflictError(
          'idempotency.in_progress',
          'A request with this Idempotency-Key is still being processed.',
        );
      }
      // An expired key is forgotten: the same key may then start a new request.
      await tx
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .where('created', '<=', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`)
        .execute();
      const found = await where(tx).executeTakeFirst();
      if (!found) return undefined;
      if (!found.request_hash.equals(hash)) {
        throw new DomainError(
          'unprocessable',
          'idempotency.key_reused',
          'This Idempotency-Key was already used with a different request body.',
        );
      }
      const replay: Replay = { idempotentReplay: true, status: found.status, body: found.response };
      return { replay };
    },
    async after(tx, r) {
      if (typeof r?.status !== 'number' || r.status < 200 || r.status >= 300) return;
      await tx
        .insertInto('idempotency_keys')
        .values({
          user_id: userId,
          key,
          method: req.method,
          path,
          request_hash: hash,
          status: r.status,
          response: r.body === undefined ? null : JSON.stringify(r.body),
        })
        .execute();
    },
  };
}
