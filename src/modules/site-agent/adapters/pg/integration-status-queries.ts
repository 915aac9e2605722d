import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleOfferingIds } from './agent-visibility.js';

/** The list filters of `GET /api/marketplace-integration-statuses/`. */
export interface IntegrationStatusFilters {
  offering_uuid?: string[] | undefined;
  agent_type?: string | undefined;
  status?: string[] | undefined;
}

/** Integration statuses of the offerings this actor sees as a provider. */
export function visibleStatuses(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('site_agent_integration_statuses as st')
    .innerJoin('offerings as o', 'o.id', 'st.offering_id')
    .where('st.offering_id', 'in', visibleOfferingIds(tx, actor))
    .select([
      'st.id',
      'st.uuid',
      'st.agent_type',
      'st.status',
      'st.service_name',
      'st.last_request_timestamp',
      'o.uuid as offering_uuid',
    ]);
}

/** One status row as the routes present it. */
export type StatusRow = Awaited<ReturnType<ReturnType<typeof visibleStatuses>['executeTakeFirstOrThrow']>>;

/** The visible statuses narrowed by the list filters. */
export function filterStatuses(tx: Tx, actor: Actor, f: IntegrationStatusFilters) {
  let q = visibleStatuses(tx, actor);
  if (f.offering_uuid?.length) q = q.where('o.uuid', 'in', f.offering_uuid);
  if (f.agent_type) q = q.where('st.agent_type', '=', f.agent_type);
  if (f.status?.length) q = q.where('st.status', 'in', f.status);
  return q;
}

/** One page of a filtered status list, oldest first. */
export function statusPage(q: ReturnType<typeof filterStatuses>, limit: number, offset: number) {
  return q.orderBy('st.id').limit(limit).offset(offset).execute();
}

/** The visible status with this uuid, if any. */
export function findVisibleStatus(tx: Tx, actor: Actor, uuid: string) {
  return visibleStatuses(tx, actor).where('st.uuid', '=', uuid).executeTakeFirst();
}
