import type { Selectable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import type { OfferingCategoriesTable } from '../../../../platform/db/schema.js';
import { escapeLike } from '../../../identity/api.js';
import { OFFERING_STATE_CODES } from '../../domain/offering-type.js';

/** An offering category row. */
export type CategoryRow = Selectable<OfferingCategoriesTable>;

/** Categories (visible to every signed-in user), with the number of their orderable (Active, Paused) offerings. */
export function categories(tx: Tx, f: { title?: string | undefined } = {}) {
  let q = tx
    .selectFrom('offering_categories')
    .selectAll('offering_categories')
    .select((eb) =>
      eb
        .selectFrom('offerings')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('offerings.category_id', '=', 'offering_categories.id')
        .where('offerings.state', 'in', [OFFERING_STATE_CODES.Active, OFFERING_STATE_CODES.Paused])
        .as('offering_count'),
    );
  if (f.title) q = q.where('offering_categories.title', 'ilike', `%${escapeLike(f.title)}%`);
  return q;
}

/** `GET /api/marketplace-categories/`: by title. */
export function categoryList(tx: Tx, f: { title?: string | undefined }) {
  return queryList(tx, categories(tx, f), (q, limit, offset) =>
    q
      .orderBy('offering_categories.title')
      .orderBy('offering_categories.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  );
}

/** One category with its offering count, by uuid. */
export function findCategoryWithCount(tx: Tx, uuid: string) {
  return categories(tx).where('offering_categories.uuid', '=', uuid).executeTakeFirst();
}

/** One category by uuid. */
export function findCategory(tx: Tx, uuid: string): Promise<CategoryRow | undefined> {
  return tx.selectFrom('offering_categories').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

/** Inserts a category. */
export function insertCategory(tx: Tx, input: { title: string; description?: string | undefined }) {
  return tx.insertInto('offering_categories').values(input).returningAll().executeTakeFirstOrThrow();
}
