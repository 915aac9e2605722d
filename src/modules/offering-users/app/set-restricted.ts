import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
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
  await tx
    .updateTable('offering_users')
    .set({ is_restricted: isRestricted, modified: sql<Date>`now()` })
    .where('id', '=', ou.id)
    .execute();
}
