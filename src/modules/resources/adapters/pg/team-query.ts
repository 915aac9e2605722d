import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';

/**
 * The resource's team (Waldur `team`): users with a live role in its project, one row per user
 * (the first grant decides `role`, as Waldur's deduplicated team list does), ordered by username.
 */
export async function projectTeam(tx: Tx, projectId: number) {
  const rows = await tx
    .selectFrom('user_roles as ur')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .innerJoin('roles as ro', 'ro.id', 'ur.role_id')
    .select(['u.uuid', 'u.username', 'u.email', 'ro.name as role', 'ur.expiration_time', 'ur.id as grant_id'])
    .select(sql<string>`trim(u.first_name || ' ' || u.last_name)`.as('full_name'))
    .where('ur.scope_type', '=', 'project')
    .where('ur.scope_id', '=', projectId)
    .where('ur.is_active', '=', ACTIVE)
    .where('u.is_active', '=', true)
    .where((eb) =>
      eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
    )
    .orderBy('u.username')
    .orderBy('ur.id')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.uuid) && seen.add(r.uuid) !== undefined);
}

/** One team member as read by {@link projectTeam}. */
export type TeamMember = Awaited<ReturnType<typeof projectTeam>>[number];
