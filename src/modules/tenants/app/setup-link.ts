import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ConflictError, ForbiddenError, InvalidStateError } from '../../../platform/errors.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { markSetupLinkShown } from '../adapters/pg/infra-store.js';

/**
 * Shows the tenant admin's one-time setup link once (tenant spec §5.1 step 5). Orderly has no mail
 * transport, so the link an e-mail would carry is sealed in `tenant_setup_links` until the person
 * who ordered the tenant (or staff) asks for it; it is erased as it is shown. The tenant storage
 * keeps only the token's hash, and the console consumes it on first use.
 */
export async function revealSetupLink(
  tx: Tx,
  actor: Actor,
  secrets: SecretBox,
  t: { id: number; state: string; adminConsoleUrl: string | null; orderedBy: number | null },
): Promise<{ url: string; expires_at: string }> {
  if (!actor.isStaff && actor.id !== t.orderedBy) {
    throw new ForbiddenError(
      'permission_denied',
      'Only the person who ordered the tenant (or staff) may see its setup link.',
    );
  }
  if (t.state !== 'Active' || !t.adminConsoleUrl) {
    throw new InvalidStateError('tenant.invalid_state', 'Valid states for operation: Active.');
  }
  const link = await tx
    .selectFrom('tenant_setup_links')
    .selectAll()
    .where('tenant_id', '=', t.id)
    .forUpdate()
    .executeTakeFirst();
  if (!link?.token_enc || link.shown_at)
    throw new ConflictError('tenant.setup_link_shown', 'The setup link has been shown already.');
  if (link.key_id !== secrets.keyId)
    throw new ConflictError(
      'tenant.setup_link_unreadable',
      'The setup link was sealed with another secret key.',
    );
  const token = secrets.open(link.token_enc).toString();
  await markSetupLinkShown(tx, t.id);
  const url = new URL('setup/', t.adminConsoleUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expires_at: link.expires_at.toISOString() };
}
