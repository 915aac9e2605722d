import type { Tx } from '../../../platform/db/database.js';
import { insertToken, revokeTokens } from '../adapters/pg/user-repository.js';
import { upsertActiveStaff } from '../adapters/pg/user-writes.js';
import { hashToken, issueToken } from '../domain/tokens.js';

/** Username of the bootstrap staff account. */
export const BOOTSTRAP_USERNAME = 'admin';

/**
 * `ORDERLY_BOOTSTRAP_STAFF_TOKEN`: ensures an active staff user `admin` whose live token is exactly
 * `token` (for automation and tests). Idempotent; a different earlier token is revoked.
 */
export async function ensureBootstrapStaff(tx: Tx, token: string): Promise<void> {
  const user = await upsertActiveStaff(tx, {
    username: BOOTSTRAP_USERNAME,
    email: 'admin@localhost',
    first_name: 'Orderly',
    last_name: 'Admin',
    is_staff: true,
  });
  const live = await tx
    .selectFrom('api_tokens')
    .select('token_hash')
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (live && Buffer.compare(live.token_hash, hashToken(token)) === 0) return;
  await revokeTokens(tx, user.id);
  // The bootstrap token never expires: it is the operator's key, rotated by changing the variable.
  await insertToken(tx, user.id, issueToken(token), null);
}
