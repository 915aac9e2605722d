import type { Tx } from '../../../platform/db/database.js';
import { reconcileOfferingUsers } from './reconcile-offering-users.js';

/** A person's account at an offering as a resource's `team` shows it. */
export interface TeamAccount {
  username: string | null;
  state: string;
}

/**
 * The offering users of an offering by user uuid (after creating the missing ones), for the
 * resource `team` list the site agent provisions from (`offering_user_username`, `offering_user_state`).
 */
export async function teamAccounts(tx: Tx, offeringId: number): Promise<Map<string, TeamAccount>> {
  await reconcileOfferingUsers(tx, { offeringId });
  const rows = await tx
    .selectFrom('offering_users as ou')
    .innerJoin('users as u', 'u.id', 'ou.user_id')
    .select(['u.uuid', 'ou.username', 'ou.state'])
    .where('ou.offering_id', '=', offeringId)
    .execute();
  return new Map(rows.map((r) => [r.uuid, { username: r.username, state: r.state }]));
}
