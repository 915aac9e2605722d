import type { Tx } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import { updateOfferingUserRow } from '../adapters/pg/offering-user-writes.js';
import {
  asOfferingUserState,
  nextState,
  type OfferingUserAction,
  type OfferingUserState,
} from '../domain/offering-user-state.js';

/** A provider's note to the user that comes with a pending state. */
export interface TransitionComment {
  comment?: string | undefined;
  comment_url?: string | undefined;
}

/**
 * The only place an offering user changes state: locks the row, asks the transition table (409 when
 * it refuses), and stores the new state. Entering a pending state stores the provider's comment;
 * leaving the pending states clears it, as Waldur's `set_validation_complete` does.
 */
export async function moveOfferingUser(
  tx: Tx,
  offeringUserId: number,
  action: OfferingUserAction,
  note: TransitionComment = {},
): Promise<OfferingUserState> {
  const row = await tx
    .selectFrom('offering_users')
    .select(['id', 'state'])
    .where('id', '=', offeringUserId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('offering_user');
  const to = nextState(action, asOfferingUserState(row.state));
  const pending = to === 'Pending account linking' || to === 'Pending additional validation';
  await updateOfferingUserRow(tx, row.id, {
    state: to,
    service_provider_comment: pending ? (note.comment ?? '') : '',
    service_provider_comment_url: pending ? (note.comment_url ?? '') : '',
  });
  return to;
}
