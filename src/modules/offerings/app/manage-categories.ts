import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { requireStaff } from '../../identity/app/access.js';
import { type CategoryRow, insertCategory } from '../adapters/pg/category-repository.js';

/** Creates an offering category (staff only, as in Waldur). */
export function createCategory(
  tx: Tx,
  actor: Actor,
  input: { title: string; description?: string | undefined },
): Promise<CategoryRow> {
  requireStaff(actor);
  return insertCategory(tx, input);
}
