import { createHash, randomBytes } from 'node:crypto';

/** A freshly issued token: the plaintext (shown once) and what is stored. */
export interface IssuedToken {
  /** The secret the client sends as `Authorization: Token <token>`. */
  token: string;
  /** SHA-256 of the token: the only form kept in the database. */
  hash: Buffer;
  /** First characters, kept to let people tell their tokens apart. */
  prefix: string;
}

/**
 * SHA-256 is the right hash here (not a slow password hash): tokens are 160 random bits, so there is
 * nothing to brute-force, and every API request verifies one.
 */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Displayable, non-secret part of a token. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 6);
}

/** Issues a Waldur-shaped token (40 hex digits), or wraps a given one (bootstrap). */
export function issueToken(given?: string): IssuedToken {
  const token = given ?? randomBytes(20).toString('hex');
  return { token, hash: hashToken(token), prefix: tokenPrefix(token) };
}

/** What `GET /api/users/{uuid}/token/` shows for a token whose plaintext is no longer known. */
export function maskedToken(prefix: string): string {
  return `${prefix}${'*'.repeat(34)}`;
}
