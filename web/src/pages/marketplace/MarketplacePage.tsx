import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { offeringTypeLabel } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';

/** The public catalogue: every Active offering you may order, with a filter by name. */
export function MarketplacePage() {
  usePageTitle('Marketplace');
  const offerings = useLoad(
    () =>
      unwrap(
        api.GET('/api/marketplace-public-offerings/', {
          params: { query: { page_size: 300, state: 'Active' } },
        }),
      ),
    [],
  );
  const [filter, setFilter] = useState('');
  // Every word must match somewhere, the offering type included ("slurm", "tenant", "Marketplace.Basic").
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (offerings.data ?? []).filter((o) => {
    const text =
      `${o.name} ${o.description} ${o.customer_name} ${o.category_title} ${o.type} ${offeringTypeLabel(o.type)}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <h1>Marketplace</h1>
          <p className="muted">Choose an offering to order a new resource for one of your projects.</p>
        </div>
        <div className="field field-search">
          <label htmlFor="offering-filter">Find an offering</label>
          <input
            id="offering-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      </header>
      {offerings.status === 'error' && <ErrorBox error={offerings.error} onRetry={offerings.reload} />}
      {offerings.status === 'loading' && <Loading label="Loading offerings…" />}
      {offerings.status === 'ready' && shown.length === 0 && (
        <Empty>
          {filter ? 'No offering matches your search.' : 'No offerings are available to you yet.'}
        </Empty>
      )}
      <ul className="cards" aria-label="Offerings">
        {shown.map((o) => (
          <li key={o.uuid} className="card offering">
            <div className="offering-head">
              <h2>{o.name}</h2>
              <span className="tag">{offeringTypeLabel(o.type)}</span>
            </div>
            <p className="muted small">
              {o.customer_name} · {o.category_title}
            </p>
            <p>{o.description}</p>
            <Link to={`/marketplace/${o.uuid}`} className="btn btn-primary" aria-label={`Order ${o.name}`}>
              Order
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
