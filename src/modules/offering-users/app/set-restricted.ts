import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { updateOfferingUserRow } from '../adapters/pg/offering-user-writes.js';
import { authorizeProvider } from './provider-access.js';
import type { OfferingUserRef } from './update-offering-user.js';

/** `POST …/{uuid}/update_restricted/`: the provider flags whether the account may use resources (403 for others). */
export async function setRestricted(
  tx: Tx,
  actor: Actor,
  ou: OfferingUserRef,
  isRestricted: boolean,
): Promise<void> {
  await authorizeProvider(tx, actor, ou.offering);
  await updateOfferingUserRow(tx, ou.id, { is_restricted: isRestricted });
}
