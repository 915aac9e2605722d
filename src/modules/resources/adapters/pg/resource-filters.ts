import { sql } from 'kysely';
import { normalizeUuid } from '../../../../platform/http/ids.js';
import { escapeLike } from '../../../identity/api.js';
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
  category_uuid?: string | undefined;
  plan_uuid?: string | undefined;
  project_name?: string | undefined;
  offering_slug?: string | undefined;
  runtime_state?: string | undefined;
  paused?: boolean | undefined;
  downscaled?: boolean | undefined;
  restrict_member_access?: boolean | undefined;
  has_terminate_date?: boolean | undefined;
  usage_based?: boolean | undefined;
  only_usage_based?: boolean | undefined;
  limit_based?: boolean | undefined;
  only_limit_based?: boolean | undefined;
  created?: string | undefined;
  created_before?: string | undefined;
  modified?: string | undefined;
  modified_before?: string | undefined;
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
  q = filterResourceFacts(q, f);
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

/** Waldur's column and component filters (categories, plans, flags, end date, billing, time range). */
function filterResourceFacts(q: ResourceQuery, f: ResourceFilter): ResourceQuery {
  if (f.category_uuid) {
    const cat = f.category_uuid;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('offering_categories as rc')
          .select('rc.id')
          .whereRef('rc.id', '=', 'f.category_id')
          .where('rc.uuid', '=', cat),
      ),
    );
  }
  if (f.plan_uuid) q = q.where('pl.uuid', '=', f.plan_uuid);
  if (f.project_name !== undefined) q = q.where('p.name', '=', f.project_name);
  if (f.offering_slug !== undefined) q = q.where('f.slug', '=', f.offering_slug);
  if (f.runtime_state !== undefined) {
    q = q.where(sql<string>`r.backend_metadata->>'runtime_state'`, '=', f.runtime_state);
  }
  for (const flag of ['paused', 'downscaled', 'restrict_member_access'] as const) {
    const value = f[flag];
    if (value !== undefined) q = q.where(`r.${flag}`, '=', value);
  }
  if (f.has_terminate_date !== undefined) {
    q = q.where('r.end_date', f.has_terminate_date ? 'is not' : 'is', null);
  }
  for (const billing of ['usage', 'limit'] as const) {
    const some = f[`${billing}_based`];
    const only = f[`only_${billing}_based`];
    const any = sql<boolean>`exists (select 1 from offering_components bc
      where bc.offering_id = r.offering_id and bc.billing_type = ${billing})`;
    const other = sql<boolean>`exists (select 1 from offering_components bc
      where bc.offering_id = r.offering_id and bc.billing_type <> ${billing})`;
    if (some !== undefined) q = q.where(some ? any : sql<boolean>`not ${any}`);
    if (only) q = q.where(any).where(sql<boolean>`not ${other}`);
  }
  if (f.created) q = q.where('r.created', '>=', new Date(f.created));
  if (f.created_before) q = q.where('r.created', '<', new Date(f.created_before));
  if (f.modified) q = q.where('r.modified', '>=', new Date(f.modified));
  if (f.modified_before) q = q.where('r.modified', '<', new Date(f.modified_before));
  return q;
}

/**
 * `stuck=true`: in a transient state since longer than `minutes`, timed from the resource's last
 * transition (its creation when it has none), via the (resource_id, id) index on transitions.
 */
function stuckResources(q: ResourceQuery, minutes: number): ResourceQuery {
  const since = sql<Date>`coalesce((select t.created from resource_transitions t
    where t.resource_id = r.id and t.is_valid order by t.id desc limit 1), r.created)`;
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
