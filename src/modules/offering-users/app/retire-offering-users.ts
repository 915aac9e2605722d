import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { liveGrant } from '../../identity/api.js';
import { RESOURCE_STATE_CODES } from '../../resources/domain/resource-state.js';
import { OFFERING_USER_TRANSITIONS } from '../domain/offering-user-state.js';
import { moveOfferingUser } from './move-offering-user.js';

/**
 * Waldur's `offering_user_auto_deletion` cleanup: at offerings whose plugin options set it, an
 * offering user whose person no longer has a live role in any project with a (not terminated)
 * resource of the offering is moved to Requested deletion, through the transition table, so the
 * provider's agent removes the account. Without the option deletion stays the provider's call.
 * Returns how many it moved.
 */
export async function retireOfferingUsers(
  tx: Tx,
  only: { offeringUuids?: readonly string[] | undefined; offeringId?: number } = {},
): Promise<number> {
  let q = tx
    .selectFrom('offering_users as ou')
    .innerJoin('offerings as o', 'o.id', 'ou.offering_id')
    .select(['ou.id'])
    .where(sql`o.plugin_options -> 'offering_user_auto_deletion'`, '=', sql`'true'::jsonb`)
    .where('ou.state', 'in', OFFERING_USER_TRANSITIONS.request_deletion.from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('resources as r')
            .innerJoin('projects as p', 'p.id', 'r.project_id')
            .innerJoin('user_roles', (j) =>
              j.onRef('user_roles.scope_id', '=', 'r.project_id').on('user_roles.scope_type', '=', 'project'),
            )
            .select('r.id')
            .whereRef('r.offering_id', '=', 'ou.offering_id')
            .whereRef('user_roles.user_id', '=', 'ou.user_id')
            .where('r.state', '!=', RESOURCE_STATE_CODES.Terminated)
            .where('p.removed_at', 'is', null)
            .where(liveGrant),
        ),
      ),
    );
  if (only.offeringUuids?.length) q = q.where('o.uuid', 'in', only.offeringUuids);
  if (only.offeringId !== undefined) q = q.where('o.id', '=', only.offeringId);
  const gone = await q.orderBy('ou.id').execute();
  for (const ou of gone) await moveOfferingUser(tx, ou.id, 'request_deletion');
  return gone.length;
}
