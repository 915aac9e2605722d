import { useState } from 'react';
import { api, unwrap, unwrapPage } from '../../api/client.js';
import type { Resource } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ResourceStateBadge } from '../../ui/Badge.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';

type Drifted = Resource & { drift: NonNullable<Resource['drift']> };

/**
 * "Needs attention" (providers and staff): resources whose state disagrees with their orders, as
 * the periodic drift scan recorded them, each with its rule and a one-click repair with a reason.
 */
export function NeedsAttentionPage() {
  usePageTitle('Needs attention');
  const notify = useNotify();
  const [repairing, setRepairing] = useState<Drifted | null>(null);
  const list = useLoad(
    () =>
      unwrapPage<Resource>(
        api.GET('/api/marketplace-provider-resources/', {
          params: { query: { drift: 'true', page_size: 300, o: ['-created'] } },
        }),
      ),
    [],
  );
  const rows = (list.data?.items ?? []).filter((r): r is Drifted => r.drift !== null);
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <h1>Needs attention</h1>
          <p className="muted">
            Resources whose state disagrees with their orders. Repair sets the state the order → resource
            effect table implies; your name and reason are recorded.
          </p>
        </div>
        <Link to="/provider/approval-sla" className="btn">
          Approval SLA settings
        </Link>
      </header>
      <section className="card" aria-label="Drifted resources">
        {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!list.data ? (
          list.status === 'loading' && <Loading label="Loading resources…" />
        ) : rows.length === 0 ? (
          <Empty>Nothing needs attention: every resource agrees with its orders.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">Resource</th>
                  <th scope="col">State</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Repair to</th>
                  <th scope="col">Found</th>
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.uuid}>
                    <td data-label="Resource">
                      <Link to={`/resources/${r.uuid}?view=provider`}>{r.name || r.uuid}</Link>
                      <div className="muted">{r.offering_name}</div>
                    </td>
                    <td data-label="State">
                      <ResourceStateBadge state={r.state} />
                    </td>
                    <td data-label="Rule">
                      <strong>{r.drift.title}</strong>
                      <div className="muted">{r.drift.description}</div>
                    </td>
                    <td data-label="Repair to">
                      <ResourceStateBadge state={r.drift.expected_state} />
                    </td>
                    <td data-label="Found">{formatDateTime(r.drift.detected_at)}</td>
                    <td data-label="Action">
                      {(r.abilities.set_as_erred?.allowed ?? false) && (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Repair ${r.name}`}
                          onClick={() => setRepairing(r)}
                        >
                          Repair
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {repairing && (
        <ConfirmDialog
          spec={{
            title: `Repair ${repairing.name}`,
            body: (
              <p>
                {repairing.drift.title}. Repair moves the resource from <strong>{repairing.state}</strong> to{' '}
                <strong>{repairing.drift.expected_state}</strong>. The backend is not touched.
              </p>
            ),
            reason: { label: 'Reason', required: true },
            confirmLabel: 'Repair',
          }}
          onClose={() => setRepairing(null)}
          onConfirm={async (reason) => {
            await unwrap(
              api.POST('/api/marketplace-provider-resources/{uuid}/repair_drift/', {
                params: { path: { uuid: repairing.uuid } },
                body: { reason },
              }),
            );
            notify(`${repairing.name} repaired: ${repairing.drift.expected_state}.`);
            setRepairing(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
