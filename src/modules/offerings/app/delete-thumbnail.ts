import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { removeThumbnail } from '../adapters/pg/thumbnail-repository.js';

/** `delete_thumbnail` (after authorizeOfferingUpdate and checkOfferingEditable). */
export async function deleteThumbnail(tx: Tx, _actor: Actor, offering: OfferingRow): Promise<void> {
  await removeThumbnail(tx, offering.id);
}
