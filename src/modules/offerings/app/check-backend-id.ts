import type { Tx } from '../../../platform/db/database.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';

/** Waldur `CheckUniqueBackendIDResponse`. */
export interface BackendIdCheck {
  is_unique: boolean;
  /** Orderly has no per-offering backend_id rules yet, so the format is never judged: null. */
  is_valid_format: boolean | null;
  errors: string[];
}

/**
 * Is `backendId` free among the offering's resources (or every offering's)? The site agent asks
 * before naming a new account. Terminated resources count: their ids stay in the backend's history.
 */
export async function checkUniqueBackendId(
  tx: Tx,
  offering: OfferingRow,
  backendId: string,
  allOfferings: boolean,
): Promise<BackendIdCheck> {
  let q = tx.selectFrom('resources').select('id').where('backend_id', '=', backendId);
  if (!allOfferings) q = q.where('offering_id', '=', offering.id);
  const taken = await q.limit(1).executeTakeFirst();
  return {
    is_unique: !taken,
    is_valid_format: null,
    errors: taken ? [`Backend ID "${backendId}" is already used by another resource.`] : [],
  };
}
