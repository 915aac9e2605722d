import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { deleteOfferingUserRow } from '../adapters/pg/offering-user-writes.js';
import { authorizeProvider } from './provider-access.js';
import type { OfferingUserRef } from './update-offering-user.js';

/** `DELETE /api/marketplace-offering-users/{uuid}/`: the provider removes the record (403 for anyone else). */
export async function deleteOfferingUser(tx: Tx, actor: Actor, ou: OfferingUserRef): Promise<void> {
  await authorizeProvider(tx, actor, ou.offering);
  await deleteOfferingUserRow(tx, ou.id);
}
