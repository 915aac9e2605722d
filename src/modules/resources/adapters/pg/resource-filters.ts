import { sql } from 'kysely';
import { normalizeUuid } from '../../../../platform/http/ids.js';
import { escapeLike } from '../../../identity/adapters/pg/customer-repository.js';
import { isOrderState, orderStateToCode } from '../../../orders/domain/order-state.js';
import { isResourceState, resourceStateToCode } from '../../domain/resource-state.js';
import type { ResourceQuery } from './resource-query.js';

/** Parsed filters of the resource lists (api-contract §5, orders spec §14.3). */
export interface ResourceFilter {
  offering_uuid?: string[] | undefined;
  state?: string[] | undefined;
  order_state?: string[] | undefined;
  project_uuid?: string | undefined;
  customer_uuid?: string | undefined;
  provider_uuid?: string | undefined;
  backend_id?: string | undefined;
  name?: string | undefined;
  name_exact?: string | undefined;
  query?: string | undefined;
  visible_to_providers?: boolean | undefined;
  offering_type?: string[] | undefined;
  stuck?: boolean | undefined;
  stuck_minutes?: number | undefined;
  drift?: boolean | undefined;
}

/** Minutes in Creating/Updating/Terminating after which a resource counts as stuck (`stuck=true`). */
export const DEFAULT_STUCK_MINUTES = 60;

// States a resource passes through while a backend works; staying in one too long needs a person.
const TRANSIENT_STATES = ['Creating', 'Updating', 'Terminating'] as const;

/** `o=` keys (api-contract §0.5) and the column each sorts by. */
export const RESOURCE_ORDERING = {
  name: 'r.name',
  created: 'r.created',
  state: 'r.state',
  end_date: 'r.end_date',
  project_name: 'p.name',
  customer_name: 'c.name',
  offering_name: 'f.name',
  plan_name: 'pl.name',
  backend_id: 'r.backend_id',
} as const;

/** One `o=` key. */
export type ResourceOrderingKey = keyof typeof RESOURCE_ORDERING;

// Waldur's `visible_to_providers` hides a resource still waiting for its consumer's approval, project
// start or start date: the provider has nothing to act on yet.
const NOT_YET_FOR_PROVIDERS = ['pending-consumer', 'pending-project', 'pending-start-date'] as const;

/** Applies every filter; unknown state labels are dropped (Waldur's mapped filters, §0.5). */
export function filterResources(q: ResourceQuery, f: ResourceFilter): ResourceQuery {
  if (f.offering_uuid?.length) q = q.where('f.uuid', 'in', f.offering_uuid);
  const states = (f.state ?? []).filter(isResourceState).map(resourceStateToCode);
  if (states.length) q = q.where('r.state', 'in', states);
  const orderStates = (f.order_state ?? []).filter(isOrderState).map(orderStateToCode);
  if (orderStates.length) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('orders as ro')
          .select('ro.id')
          .whereRef('ro.resource_id', '=', 'r.id')
          .where('ro.state', 'in', orderStates),
      ),
    );
  }
  if (f.project_uuid) q = q.where('p.uuid', '=', f.project_uuid);
  if (f.customer_uuid) q = q.where('c.uuid', '=', f.customer_uuid);
  if (f.provider_uuid) q = q.where('pc.uuid', '=', f.provider_uuid);
  if (f.backend_id !== undefined) q = q.where('r.backend_id', '=', f.backend_id);
  if (f.name) q = q.where('r.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.name_exact !== undefined) q = q.where('r.name', '=', f.name_exact);
  if (f.query) q = searchResources(q, f.query.trim());
  if (f.offering_type?.length) q = q.where('f.type', 'in', f.offering_type);
  if (f.stuck) q = stuckResources(q, f.stuck_minutes ?? DEFAULT_STUCK_MINUTES);
  if (f.drift !== undefined) {
    // Open findings of the periodic drift scan (drift module); `drift=false`: resources without one.
    const open = sql<boolean>`exists (select 1 from resource_drift_findings d
      where d.resource_id = r.id and d.resolved_at is null)`;
    q = q.where(f.drift ? open : sql<boolean>`not ${open}`);
  }
  if (f.visible_to_providers) {
    const hidden = NOT_YET_FOR_PROVIDERS.map(orderStateToCode);
    q = q.where(({ and, eb, exists, not, selectFrom }) =>
      not(
        and([
          eb('r.state', '=', resourceStateToCode('Creating')),
          exists(
            selectFrom('orders as vo')
              .select('vo.id')
              .whereRef('vo.resource_id', '=', 'r.id')
              .where('vo.state', 'in', hidden),
          ),
        ]),
      ),
    );
  }
  return q;
}

/**
 * `stuck=true`: in a transient state since longer than `minutes`, timed from the resource's last
 * transition (its creation when it has none), via the (resource_id, id) index on transitions.
 */
function stuckResources(q: ResourceQuery, minutes: number): ResourceQuery {
  const since = sql<Date>`coalesce((select t.created from resource_transitions t
    where t.resource_id = r.id order by t.id desc limit 1), r.created)`;
  return q
    .where('r.state', 'in', TRANSIENT_STATES.map(resourceStateToCode))
    .where(since, '<', sql<Date>`now() - make_interval(mins => ${minutes})`);
}

/** `query`: the uuid, else name or slug (contains) or backend/effective id (exact, any case). */
function searchResources(q: ResourceQuery, text: string): ResourceQuery {
  const id = normalizeUuid(text);
  const like = `%${escapeLike(text)}%`;
  return q.where((eb) =>
    eb.or([
      ...(id ? [eb('r.uuid', '=', id)] : []),
      eb('r.name', 'ilike', like),
      eb('r.slug', 'ilike', like),
      eb(sql<string>`lower(r.backend_id)`, '=', text.toLowerCase()),
      eb(sql<string>`lower(r.effective_id)`, '=', text.toLowerCase()),
    ]),
  );
}

/** `o=` ordering (±key); then oldest first, as the order list does, so pages are stable. */
export function orderResources(q: ResourceQuery, o: readonly string[] | undefined): ResourceQuery {
  for (const key of o ?? []) {
    const desc = key.startsWith('-');
    const col = RESOURCE_ORDERING[key.replace(/^-/, '') as ResourceOrderingKey];
    if (col) q = q.orderBy(col, desc ? 'desc' : 'asc');
  }
  return q.orderBy('r.created', 'asc').orderBy('r.id', 'asc');
}
