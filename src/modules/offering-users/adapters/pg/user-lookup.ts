import type { Tx } from '../../../../platform/db/database.js';

/** The internal id of the user with this uuid, if any (an offering user may name any user). */
export async function userIdByUuid(tx: Tx, uuid: string): Promise<number | undefined> {
  return (await tx.selectFrom('users').select('id').where('uuid', '=', uuid).executeTakeFirst())?.id;
}
