import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import { visibleTenants } from './tenant-query.js';

const ORDERINGS = { created: 't.created', slug: 't.slug', state: 't.state' } as const;

/** The filters and ordering of `GET /api/tenants/`. */
export interface TenantFilters {
  state?: string[] | undefined;
  slug?: string | undefined;
  offering_uuid?: string | undefined;
  project_uuid?: string | undefined;
  customer_uuid?: string | undefined;
  provider_uuid?: string | undefined;
  query?: string | undefined;
  o?: `${'' | '-'}${keyof typeof ORDERINGS}` | undefined;
}

/** The tenants this actor sees, filtered, in the asked order (oldest first by default). */
export function tenantList(tx: Tx, actor: Actor, f: TenantFilters) {
  let q = visibleTenants(tx, actor);
  if (f.state?.length) q = q.where('t.state', 'in', f.state);
  if (f.slug) q = q.where('t.slug', '=', f.slug);
  if (f.offering_uuid) q = q.where('f.uuid', '=', f.offering_uuid);
  if (f.project_uuid) q = q.where('p.uuid', '=', f.project_uuid);
  if (f.customer_uuid) q = q.where('c.uuid', '=', f.customer_uuid);
  if (f.provider_uuid) q = q.where('pc.uuid', '=', f.provider_uuid);
  if (f.query) {
    const like = `%${f.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('t.name', 'ilike', like), eb('t.slug', 'ilike', like)]));
  }
  const o = f.o ?? 'created';
  const column = ORDERINGS[o.replace('-', '') as keyof typeof ORDERINGS];
  const dir = o.startsWith('-') ? 'desc' : 'asc';
  return queryList(tx, q, (w, limit, offset) =>
    w.orderBy(column, dir).orderBy('t.id', dir).limit(limit).offset(offset).execute(),
  );
}
