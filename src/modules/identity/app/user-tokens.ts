import type { Tx } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import {
  findLiveToken,
  insertToken,
  lockUser,
  revokeTokens,
  type UserRow,
} from '../adapters/pg/user-repository.js';
import { issueToken, maskedToken } from '../domain/tokens.js';

/** A token as the API shows it: plaintext right after issuing, masked afterwards. */
export interface TokenView {
  token: string;
  created: Date;
  expires_at: Date | null;
  /** True when `token` is the real secret (it will not be shown again). */
  plaintext: boolean;
}

/**
 * `GET /api/users/{uuid}/token/`: tokens are stored hashed, so an existing token can only be shown
 * masked; a user without a live token (none, revoked or expired) gets one issued now and sees it once
 * (Waldur: "every user has a token").
 */
export async function getOrIssueToken(tx: Tx, user: UserRow): Promise<TokenView> {
  await lockUser(tx, user.id);
  const live = await findLiveToken(tx, user.id);
  if (live)
    return {
      token: maskedToken(live.token_prefix),
      created: live.created,
      expires_at: live.expires_at,
      plaintext: false,
    };
  // An expired token still holds the one-live-token slot: retire it before issuing.
  await revokeTokens(tx, user.id);
  return issue(tx, user);
}

/** Rotates: the old token stops working at commit and a new one is returned in plaintext. */
export async function rotateToken(tx: Tx, user: UserRow, given?: string): Promise<TokenView> {
  await lockUser(tx, user.id);
  await revokeTokens(tx, user.id);
  return issue(tx, user, given);
}

/** Revokes the user's token; answers not-found when there was none to revoke. */
export async function revokeToken(tx: Tx, user: UserRow): Promise<void> {
  const n = await revokeTokens(tx, user.id);
  if (n === 0) throw new NotFoundError('token', 'The user has no active token.');
}

async function issue(tx: Tx, user: UserRow, given?: string): Promise<TokenView> {
  const issued = issueToken(given);
  const row = await insertToken(tx, user.id, issued, user.token_lifetime);
  return { token: issued.token, created: row.created, expires_at: row.expires_at, plaintext: true };
}
