import type { paths } from '../../../../openapi/client/schema.js';

/** The API's order-list query (`GET /api/marketplace-orders/`). */
export type OrderListQuery = NonNullable<paths['/api/marketplace-orders/']['get']['parameters']['query']>;

/** Sort keys the API accepts in `o`. */
export type SortKey = 'created' | 'consumer_reviewed_at' | 'cost' | 'state';
type Ordering = `${'' | '-'}${SortKey}`;
const ORDERINGS: readonly Ordering[] = [
  'created',
  '-created',
  'consumer_reviewed_at',
  '-consumer_reviewed_at',
  'cost',
  '-cost',
  'state',
  '-state',
];

/** The list's state, as kept in the URL (filters, sorting, paging). */
export interface ListParams {
  /** Provider dashboard: "needs my action" (default) or every order. */
  view: 'action' | 'all';
  provider: string;
  offering: string;
  customer: string;
  project: string;
  state: string;
  type: string;
  /** '' any, 'yes' or 'no'. */
  auto: string;
  q: string;
  o: Ordering;
  page: number;
  size: number;
  /** My orders: only those waiting for my approval as consumer. */
  pending: boolean;
}

const int = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Reads the list state from the URL, with defaults. */
export function readParams(sp: URLSearchParams): ListParams {
  const o = sp.get('o') ?? '-created';
  return {
    view: sp.get('view') === 'all' ? 'all' : 'action',
    provider: sp.get('provider') ?? '',
    offering: sp.get('offering') ?? '',
    customer: sp.get('customer') ?? '',
    project: sp.get('project') ?? '',
    state: sp.get('state') ?? '',
    type: sp.get('type') ?? '',
    auto: sp.get('auto') ?? '',
    q: sp.get('q') ?? '',
    o: ORDERINGS.find((x) => x === o) ?? '-created',
    page: int(sp.get('page'), 1),
    size: Math.min(300, int(sp.get('size'), 20)),
    pending: sp.get('pending') === '1',
  };
}

/** The API query for the list state; `provider` pins the provider dashboard to one organization. */
export function toApiQuery(p: ListParams, mode: 'provider' | 'consumer'): OrderListQuery {
  const q: OrderListQuery = { page: p.page, page_size: p.size, o: p.o };
  if (mode === 'provider') {
    if (p.provider) q.provider_uuid = p.provider;
    if (p.view === 'action') q.can_approve_as_provider = 'true';
  } else if (p.pending) q.can_approve_as_consumer = 'true';
  if (p.offering) q.offering_uuid = p.offering;
  if (p.customer) q.customer_uuid = p.customer;
  if (p.project) q.project_uuid = p.project;
  if (p.state && !(mode === 'provider' && p.view === 'action')) q.state = p.state;
  if (p.type) q.type = p.type;
  if (p.auto) q.was_auto_approved = p.auto === 'yes' ? 'true' : 'false';
  if (p.q) q.query = p.q;
  return q;
}
