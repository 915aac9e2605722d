import { formatDateTime } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorBox, Loading } from '../../ui/DataState.js';
import { IdentitiesTable, LogsTable, ProcessorsTable } from './AgentTables.js';
import { lastSeen, loadOfferingAgents, RECENT_LOGS } from './agentData.js';

/** The Agents view of one offering: last seen, identities and services, processors, recent logs. */
export function OfferingAgentsPage({ uuid }: { uuid: string }) {
  const view = useLoad(() => loadOfferingAgents(uuid), [uuid]);
  usePageTitle(view.data ? `Agents · ${view.data.offering.name}` : 'Agents');
  const data = view.data;
  if (!data) {
    return view.status === 'error' ? (
      <ErrorBox error={view.error} onRetry={view.reload} />
    ) : (
      <Loading label="Loading agents…" />
    );
  }
  const seen = lastSeen(data.statuses);
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/provider/agents">Site agents</Link> · {data.offering.customer_name}
          </p>
          <h1>Agents of {data.offering.name}</h1>
          <p className="muted" data-testid="last-seen">
            {seen ? `Last seen ${formatDateTime(seen)}` : 'No agent has polled this offering’s orders yet.'}
          </p>
        </div>
        <button type="button" className="btn" onClick={view.reload}>
          Refresh
        </button>
      </header>
      {view.status === 'error' && <ErrorBox error={view.error} onRetry={view.reload} />}
      {data.statuses.length > 0 && (
        <section className="card" aria-labelledby="integration-title">
          <h2 id="integration-title">Integration status</h2>
          <ul className="plain-list">
            {data.statuses.map((s) => (
              <li key={s.uuid}>
                {s.agent_type}: <strong>{s.status}</strong>, {formatDateTime(s.last_request_timestamp)}{' '}
                <span className="muted small mono">{s.service_name}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="identities-title">
        <h2 id="identities-title">Identities and services</h2>
        <IdentitiesTable identities={data.identities} />
      </section>
      <section className="card" aria-labelledby="processors-title">
        <h2 id="processors-title">Processors</h2>
        <ProcessorsTable processors={data.processors} />
      </section>
      <section className="card" aria-labelledby="logs-title">
        <h2 id="logs-title">Recent logs</h2>
        <LogsTable logs={data.logs} />
        {data.logCount > RECENT_LOGS && (
          <p className="muted small">
            Showing the newest {RECENT_LOGS} of {data.logCount} lines.
          </p>
        )}
      </section>
    </div>
  );
}
