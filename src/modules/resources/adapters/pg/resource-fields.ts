import type { Tx } from '../../../../platform/db/database.js';

/** The consumer-editable fields of a resource, as `PATCH /api/marketplace-resources/{uuid}/` answers them. */
export function editableFields(tx: Tx, resourceId: number) {
  return tx
    .selectFrom('resources')
    .select(['name', 'description', 'end_date'])
    .where('id', '=', resourceId)
    .executeTakeFirstOrThrow();
}
