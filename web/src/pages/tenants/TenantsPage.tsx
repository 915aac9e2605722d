import { api, unwrapPage } from '../../api/client.js';
import type { Tenant } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Link, useSearchParams, withParams } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { TenantStateBadge } from '../../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { Pager } from '../../ui/Pager.js';
import { SearchField } from '../../ui/SearchField.js';
import { type Option, SelectField } from '../../ui/SelectField.js';

/** Tenant states a person can filter by, in lifecycle order. */
export const TENANT_STATES = [
  'Provisioning',
  'Active',
  'Failed',
  'Decommissioning',
  'Decommissioned',
] as const;
type TenantState = (typeof TENANT_STATES)[number];
const STATE_OPTIONS: Option[] = TENANT_STATES.map((s) => ({ value: s, label: s }));
const isState = (s: string): s is TenantState => (TENANT_STATES as readonly string[]).includes(s);

/** The tenants the caller can see; the state and search filters and the page live in the URL. */
export function TenantsPage() {
  usePageTitle('Tenants');
  const [sp, setSp] = useSearchParams();
  const state = sp.get('state') ?? '';
  const q = sp.get('q') ?? '';
  const page = Math.max(1, Number(sp.get('page') ?? '1') || 1);
  const pageSize = Number(sp.get('page_size') ?? '20') || 20;
  const list = useLoad(
    () =>
      unwrapPage<Tenant>(
        api.GET('/api/tenants/', {
          params: {
            query: {
              page,
              page_size: pageSize,
              o: '-created',
              ...(isState(state) ? { state } : {}),
              ...(q ? { query: q } : {}),
            },
          },
        }),
      ),
    [state, q, page, pageSize],
  );
  const change = (changes: Record<string, string | null>) =>
    setSp(withParams(sp, changes), { replace: true });
  const data = list.data;
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">Orderly Tenant</p>
          <h1>Tenants</h1>
        </div>
      </header>
      <section className="card" aria-label="Tenants">
        <fieldset className="filters">
          <legend className="sr-only">Filters</legend>
          <SearchField label="Search" value={q} onChange={(v) => change({ q: v || null })} />
          <SelectField
            label="State"
            value={state}
            options={STATE_OPTIONS}
            onChange={(v) => change({ state: v || null })}
          />
        </fieldset>
        {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!data ? (
          list.status === 'loading' && <Loading label="Loading tenants…" />
        ) : data.items.length === 0 ? (
          <Empty>
            {state || q
              ? 'No tenants match these filters.'
              : 'There are no tenants yet. Order one from an Orderly Tenant offering in the marketplace.'}
          </Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Slug</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((t) => (
                  <tr key={t.uuid}>
                    <td>
                      <Link to={`/tenants/${t.uuid}`}>{t.name}</Link>
                    </td>
                    <td className="mono">{t.slug}</td>
                    <td>
                      <TenantStateBadge state={t.state} />
                    </td>
                    <td>{t.attempt_number}</td>
                    <td>{formatDateTime(t.created)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && (
          <Pager
            page={page}
            size={pageSize}
            count={data.count}
            exact={data.exact}
            onPage={(p) => change({ page: String(p) })}
            onSize={(s) => change({ page_size: String(s) })}
          />
        )}
      </section>
    </div>
  );
}
