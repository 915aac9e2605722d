import { api, unwrapPage } from '../../api/client.js';
import type { Resource } from '../../api/types.js';
import { formatDateTime, offeringTypeLabel } from '../../lib/format.js';
import { Link, useSearchParams, withParams } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ResourceStateBadge } from '../../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { Pager } from '../../ui/Pager.js';
import { consumerFilterOptions, providerFilterOptions } from '../orders/filterOptions.js';
import { ResourceFilters } from './ResourceFilters.js';
import { type ResourceListView, readResourceParams, resourceApiQuery } from './resourceQuery.js';

const TITLES: Record<ResourceListView, { title: string; lead: string }> = {
  consumer: { title: 'My resources', lead: 'Resources of your organizations and projects.' },
  provider: { title: 'Provider resources', lead: 'Resources of the offerings you provide or manage.' },
};

/**
 * A resource list: the consumer's (`/resources`) or the provider's (`/provider/resources`), with
 * search, filters and the "stuck" view, all kept in the URL.
 */
export function ResourcesPage({ view }: { view: ResourceListView }) {
  const { title, lead } = TITLES[view];
  usePageTitle(title);
  const { access } = useSession();
  const [sp, setSp] = useSearchParams();
  const params = readResourceParams(sp);
  const query = resourceApiQuery(params);
  const key = JSON.stringify(query);
  const list = useLoad(
    () =>
      view === 'provider'
        ? unwrapPage<Resource>(api.GET('/api/marketplace-provider-resources/', { params: { query } }))
        : unwrapPage<Resource>(api.GET('/api/marketplace-resources/', { params: { query } })),
    [key, view],
  );
  const options = useLoad(
    () =>
      view === 'provider'
        ? providerFilterOptions('', params.customer)
        : consumerFilterOptions(params.customer, access.consumerCustomers),
    [params.customer, view],
  );
  const change = (changes: Record<string, string | null>) =>
    setSp(withParams(sp, changes), { replace: true });
  const data = list.data;
  const filtered = Object.entries(params).some(([k, v]) => k !== 'page' && k !== 'size' && !!v);
  const suffix = view === 'provider' ? '?view=provider' : '';
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="muted">{lead}</p>
        </div>
      </header>
      <section className="card" aria-label={title}>
        <ResourceFilters
          params={params}
          options={options.data ?? { offerings: [], customers: [], projects: [] }}
          onChange={change}
        />
        {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!data ? (
          list.status === 'loading' && <Loading label="Loading resources…" />
        ) : data.items.length === 0 ? (
          <Empty>{filtered ? 'No resources match these filters.' : 'There are no resources yet.'}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                  <th scope="col">Offering</th>
                  <th scope="col">Organization / project</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.uuid}>
                    <td data-label="Name">
                      <Link to={`/resources/${r.uuid}${suffix}`}>{r.name || r.uuid}</Link>
                    </td>
                    <td data-label="State">
                      <ResourceStateBadge state={r.state} />
                    </td>
                    <td data-label="Offering">
                      {r.offering_name} <span className="muted">({offeringTypeLabel(r.offering_type)})</span>
                    </td>
                    <td data-label="Organization / project">
                      {r.customer_name} / {r.project_name}
                    </td>
                    <td data-label="Changed">{formatDateTime(r.modified)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && (
          <Pager
            page={params.page}
            size={params.size}
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
