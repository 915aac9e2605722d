import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { saveThumbnail } from '../adapters/pg/thumbnail-repository.js';
import { checkThumbnail } from '../domain/thumbnail.js';

/** `update_thumbnail` (after authorizeOfferingUpdate and checkOfferingEditable): checks and stores the image. */
export async function setThumbnail(
  tx: Tx,
  _actor: Actor,
  offering: OfferingRow,
  upload: Buffer | undefined,
): Promise<void> {
  const { data, contentType } = checkThumbnail(upload);
  await saveThumbnail(tx, offering.id, contentType, data);
}
