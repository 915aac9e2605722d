import { api, unwrapPage } from '../../api/client.js';
import type { ProviderOffering } from '../../api/types.js';
import { offeringTypeLabel } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { Tag } from '../../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';

/** Offering types a Waldur site agent can serve (the server refuses identities for others). */
export const AGENT_OFFERING_TYPES = [
  'Marketplace.Slurm',
  'Marketplace.Script',
  'OpenStack.Tenant',
  'Marketplace.Basic',
];

/** The provider's offerings that site agents can serve, each linking to its Agents view. */
export function AgentsPage() {
  usePageTitle('Site agents');
  const list = useLoad(
    () =>
      unwrapPage<ProviderOffering>(
        api.GET('/api/marketplace-provider-offerings/', {
          params: { query: { page_size: 100, type: AGENT_OFFERING_TYPES } },
        }),
      ),
    [],
  );
  const data = list.data;
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">Provider</p>
          <h1>Site agents</h1>
          <p className="muted">
            Waldur site agents register here when they start; pick an offering to see its agents.
          </p>
        </div>
      </header>
      <section className="card" aria-label="Offerings with site agents">
        {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!data ? (
          list.status === 'loading' && <Loading label="Loading offerings…" />
        ) : data.items.length === 0 ? (
          <Empty>You manage no offering that a site agent can serve.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Offering</th>
                  <th scope="col">Type</th>
                  <th scope="col">Organization</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.uuid}>
                    <td>
                      <Link to={`/provider/offerings/${o.uuid}/agents`}>{o.name}</Link>
                    </td>
                    <td>
                      <Tag>{offeringTypeLabel(o.type)}</Tag>
                    </td>
                    <td>{o.customer_name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
