import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
import type { OfferingRef } from './provider-access.js';
import { authorizeAttributeConfigEdit } from './save-attribute-config.js';

/** `DELETE …/delete-user-attribute-config/`: back to the default (403 as for edits). */
export async function deleteAttributeConfig(tx: Tx, actor: Actor, o: OfferingRef): Promise<void> {
  await authorizeAttributeConfigEdit(tx, actor, o);
  await tx.deleteFrom('offering_user_attribute_configs').where('offering_id', '=', o.id).execute();
}
