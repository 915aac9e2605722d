import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { deleteAttributeConfigRow } from '../adapters/pg/offering-user-writes.js';
import type { OfferingRef } from './provider-access.js';
import { authorizeAttributeConfigEdit } from './save-attribute-config.js';

/** `DELETE …/delete-user-attribute-config/`: back to the default (403 as for edits). */
export async function deleteAttributeConfig(tx: Tx, actor: Actor, o: OfferingRef): Promise<void> {
  await authorizeAttributeConfigEdit(tx, actor, o);
  await deleteAttributeConfigRow(tx, o.id);
}
