import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
import { authorizeProvider } from './provider-access.js';
import type { OfferingUserRef } from './update-offering-user.js';

/** `DELETE /api/marketplace-offering-users/{uuid}/`: the provider removes the record (403 for anyone else). */
export async function deleteOfferingUser(tx: Tx, actor: Actor, ou: OfferingUserRef): Promise<void> {
  await authorizeProvider(tx, actor, ou.offering);
  await tx.deleteFrom('offering_users').where('id', '=', ou.id).execute();
}
