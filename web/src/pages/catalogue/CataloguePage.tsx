import { useState } from 'react';
import { api, unwrapPage } from '../../api/client.js';
import { countOf, offeringTypeLabel } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { Tag } from '../../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { SelectField } from '../../ui/SelectField.js';
import type { Offering } from './catalogueTypes.js';
import { OfferingStateBadge } from './OfferingStateBadge.js';

const PAGE_SIZE = 100;

/** Plans in words: "2 plans, 1 archived". */
function plansSummary(o: Offering): string {
  const archived = o.plans.filter((p) => p.archived).length;
  return `${countOf(o.plans.length, 'plan')}${archived ? `, ${archived} archived` : ''}`;
}

/** The provider's catalogue: every offering they manage, each opening its editor. */
export function CataloguePage() {
  usePageTitle('Catalogue');
  const { access } = useSession();
  const [org, setOrg] = useState('');
  const list = useLoad(
    () =>
      unwrapPage<Offering>(
        api.GET('/api/marketplace-provider-offerings/', {
          params: { query: { page_size: PAGE_SIZE, ...(org ? { customer_uuid: org } : {}) } },
        }),
      ),
    [org],
  );
  const data = list.data;
  // With one provider organization its name is in every row; the column only helps staff and the like.
  const manyOrgs = access.providers.length > 1;
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">Provider</p>
          <h1>Catalogue</h1>
          <p className="muted">Your offerings: their details, components and plans.</p>
        </div>
        {manyOrgs && (
          <SelectField
            label="Organization"
            value={org}
            anyLabel="All"
            options={access.providers.map((p) => ({ value: p.uuid, label: p.name }))}
            onChange={setOrg}
          />
        )}
      </header>
      <section className="card" aria-label="Offerings">
        {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!data ? (
          list.status === 'loading' && <Loading label="Loading offerings…" />
        ) : data.items.length === 0 ? (
          <Empty>You manage no offering yet.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">Offering</th>
                  <th scope="col">State</th>
                  <th scope="col">Type</th>
                  <th scope="col">Plans</th>
                  <th scope="col">Components</th>
                  {manyOrgs && <th scope="col">Organization</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.uuid}>
                    <td data-label="Offering">
                      <div>
                        <Link to={`/provider/catalogue/${o.uuid}`} className="strong-link">
                          {o.name}
                        </Link>
                        <div className="muted small">{o.category_title}</div>
                      </div>
                    </td>
                    <td data-label="State">
                      <OfferingStateBadge state={o.state} />
                    </td>
                    <td data-label="Type">
                      <Tag>{offeringTypeLabel(o.type)}</Tag>
                    </td>
                    <td data-label="Plans">{plansSummary(o)}</td>
                    <td data-label="Components">{o.components.length}</td>
                    {manyOrgs && <td data-label="Organization">{o.customer_name}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && data.count > data.items.length && (
          <p className="muted small">
            Showing the first {data.items.length} of {data.count} offerings.
          </p>
        )}
      </section>
    </div>
  );
}
