import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';

/** A stored thumbnail. */
export interface Thumbnail {
  contentType: string;
  data: Buffer;
  sha256: string;
}

/** Stores (or replaces) an offering's thumbnail. */
export async function saveThumbnail(
  tx: Tx,
  offeringId: number,
  contentType: string,
  data: Buffer,
): Promise<void> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  await tx
    .insertInto('offering_thumbnails')
    .values({ offering_id: offeringId, content_type: contentType, data, sha256 })
    .onConflict((oc) =>
      oc
        .column('offering_id')
        .doUpdateSet({ content_type: contentType, data, sha256, modified: sql<Date>`now()` }),
    )
    .execute();
}

/** Removes an offering's thumbnail (no-op without one). */
export async function removeThumbnail(tx: Tx, offeringId: number): Promise<void> {
  await tx.deleteFrom('offering_thumbnails').where('offering_id', '=', offeringId).execute();
}

/** An offering's thumbnail, if it has one. */
export async function findThumbnail(tx: Tx, offeringId: number): Promise<Thumbnail | undefined> {
  const row = await tx
    .selectFrom('offering_thumbnails')
    .select(['content_type', 'data', 'sha256'])
    .where('offering_id', '=', offeringId)
    .executeTakeFirst();
  return row && { contentType: row.content_type, data: row.data, sha256: row.sha256 };
}
