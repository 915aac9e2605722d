import type { Tx } from '../../../../platform/db/database.js';

/** The saved config of an offering, or undefined while the default applies. */
export function findAttributeConfig(tx: Tx, offeringId: number) {
  return tx
    .selectFrom('offering_user_attribute_configs')
    .selectAll()
    .where('offering_id', '=', offeringId)
    .executeTakeFirst();
}
