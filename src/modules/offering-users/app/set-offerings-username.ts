import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { authorizeProviderOrganization } from './provider-access.js';
import { reconcileOfferingUsers } from './reconcile-offering-users.js';
import { writeUsername } from './update-offering-user.js';

/**
 * `POST /api/marketplace-service-providers/{uuid}/set_offerings_username/`: one username for a
 * person across every offering of the provider they have an offering user at (after creating the
 * missing ones). Provider permission on the organization itself (403); returns how many changed.
 */
export async function setOfferingsUsername(
  tx: Tx,
  actor: Actor,
  providerCustomerId: number,
  input: { userId: number; username: string },
): Promise<number> {
  await authorizeProviderOrganization(tx, actor, providerCustomerId);
  await reconcileOfferingUsers(tx);
  const accounts = await tx
    .selectFrom('offering_users as ou')
    .innerJoin('offerings as o', 'o.id', 'ou.offering_id')
    .select(['ou.id', 'ou.state'])
    .where('o.customer_id', '=', providerCustomerId)
    .where('ou.user_id', '=', input.userId)
    .orderBy('ou.id')
    .forUpdate()
    .execute();
  for (const ou of accounts) await writeUsername(tx, ou, input.username);
  return accounts.length;
}
