import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { liveGrant } from '../../identity/api.js';
import { OfferingType } from '../../offerings/domain/offering-type.js';
import { RESOURCE_STATE_CODES } from '../../resources/domain/resource-state.js';
import { insertOfferingUser } from '../adapters/pg/offering-user-writes.js';
import { OfferingUserState } from '../domain/offering-user-state.js';
import { generateUsername } from '../domain/username.js';
import { retireOfferingUsers } from './retire-offering-users.js';

/** Offering types whose providers keep per-user accounts (Waldur's OFFERING_USER_ALLOWED_OFFERING_TYPES). */
export const OFFERING_USER_TYPES: readonly string[] = [
  OfferingType.BASIC,
  OfferingType.SLURM,
  OfferingType.SCRIPT,
];

/** Resource states in which the project's people can use the resource (creation has succeeded). */
const LIVE_RESOURCE_STATES = [RESOURCE_STATE_CODES.OK, RESOURCE_STATE_CODES.Updating];

/**
 * Creates the offering users Waldur would have created (its `role_granted` and
 * `resource_creation_succeeded` handlers): for every person with a live role in a project that has
 * a live resource of an offering of an allowed type whose options set
 * `service_provider_can_create_offering_user`, one offering user, unless one exists. It is
 * idempotent and set-based, so it runs before offering users are read (list and detail) and
 * catches grants and resources however they came about; then {@link retireOfferingUsers} marks
 * those who lost access where the offering asks for it. Returns how many it created.
 */
export async function reconcileOfferingUsers(
  tx: Tx,
  only: { offeringUuids?: readonly string[] | undefined; offeringId?: number } = {},
): Promise<number> {
  let q = tx
    .selectFrom('resources as r')
    .innerJoin('offerings as o', 'o.id', 'r.offering_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('user_roles', (j) =>
      j.onRef('user_roles.scope_id', '=', 'r.project_id').on('user_roles.scope_type', '=', 'project'),
    )
    .innerJoin('users as u', 'u.id', 'user_roles.user_id')
    .select(['o.id as offering_id', 'o.plugin_options', 'u.id as user_id'])
    .select(['u.username', 'u.first_name', 'u.last_name'])
    .distinct()
    .where('r.state', 'in', LIVE_RESOURCE_STATES)
    .where('o.type', 'in', OFFERING_USER_TYPES)
    .where((eb) =>
      eb.or([
        eb(sql`o.plugin_options -> 'service_provider_can_create_offering_user'`, '=', sql`'true'::jsonb`),
        eb(sql`o.secret_options -> 'service_provider_can_create_offering_user'`, '=', sql`'true'::jsonb`),
      ]),
    )
    .where('p.removed_at', 'is', null)
    .where('u.is_active', '=', true)
    .where(liveGrant)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offering_users as x')
            .select('x.id')
            .whereRef('x.offering_id', '=', 'o.id')
            .whereRef('x.user_id', '=', 'u.id'),
        ),
      ),
    );
  if (only.offeringUuids?.length) q = q.where('o.uuid', 'in', only.offeringUuids);
  if (only.offeringId !== undefined) q = q.where('o.id', '=', only.offeringId);
  const missing = await q.orderBy('o.id').orderBy('u.id').execute();
  let created = 0;
  const taken = new Map<number, Set<string>>();
  for (const m of missing) {
    let names = taken.get(m.offering_id);
    if (!names) {
      const rows = await tx
        .selectFrom('offering_users')
        .select('username')
        .where('offering_id', '=', m.offering_id)
        .where('username', 'is not', null)
        .execute();
      names = new Set(rows.map((r) => r.username ?? ''));
      taken.set(m.offering_id, names);
    }
    const username = generateUsername(m.plugin_options, m, names);
    const row = await insertOfferingUser(tx, {
      offering_id: m.offering_id,
      user_id: m.user_id,
      username,
      state: username ? OfferingUserState.OK : OfferingUserState.REQUESTED,
      propagation_date: new Date(),
    });
    if (row) {
      created += 1;
      if (username) names.add(username);
    }
  }
  await retireOfferingUsers(tx, only);
  return created;
}
