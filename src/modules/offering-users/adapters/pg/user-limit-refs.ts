import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { resourcesInScope, visibleResourceIds } from '../../../resources/api.js';
import { visibleUserLimits } from './user-limit-query.js';

/** The visible limit with this uuid, if any. */
export function findVisibleUserLimit(tx: Tx, actor: Actor, uuid: string) {
  return visibleUserLimits(tx, actor).where('l.uuid', '=', uuid).executeTakeFirst();
}

/** A visible resource a limit may be set on, with the scopes that authorize it. */
export function findLimitResource(tx: Tx, actor: Actor, resourceUuid: string) {
  return resourcesInScope(tx)
    .select([
      'r.id',
      'r.offering_id',
      'r.project_id',
      'f.customer_id as provider_customer_id',
      'p.customer_id',
    ])
    .where('r.uuid', '=', resourceUuid)
    .where('r.id', 'in', visibleResourceIds(tx, actor))
    .executeTakeFirst();
}

/** The id of the offering's component with this uuid, if it is one of the offering's. */
export async function offeringComponentId(
  tx: Tx,
  offeringId: number,
  componentUuid: string,
): Promise<number | undefined> {
  const c = await tx
    .selectFrom('offering_components')
    .select('id')
    .where('uuid', '=', componentUuid)
    .where('offering_id', '=', offeringId)
    .executeTakeFirst();
  return c?.id;
}

/** The id of the offering's user named by uuid (when given) or else by username, if any. */
export async function offeringUserId(
  tx: Tx,
  offeringId: number,
  ref: { uuid: string | undefined; username: string },
): Promise<number | undefined> {
  const account = await tx
    .selectFrom('offering_users')
    .select('id')
    .where('offering_id', '=', offeringId)
    .where((eb) => (ref.uuid ? eb('uuid', '=', ref.uuid) : eb('username', '=', ref.username)))
    .executeTakeFirst();
  return account?.id;
}
