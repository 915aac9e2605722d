import type { AgentIdentity, AgentProcessor, SiteAgentLog } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Empty } from '../../ui/DataState.js';

const SERVICE_TONES: Record<string, string> = { Active: 'done', Idle: 'canceled', Error: 'erred' };
const LEVEL_TONES: Record<string, string> = {
  ERROR: 'erred',
  CRITICAL: 'erred',
  WARNING: 'pending-provider',
};

/** A service state as a badge ("Active", "Idle", "Error"). */
export function ServiceStateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${SERVICE_TONES[state] ?? 'canceled'}`}>{state}</span>;
}

/** The registered identities with their services and states. */
export function IdentitiesTable({ identities }: { identities: AgentIdentity[] }) {
  if (identities.length === 0)
    return <Empty>No agent has registered for this offering yet. Agents register when they start.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Agent identities">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Version</th>
            <th scope="col">Last restarted</th>
            <th scope="col">Services</th>
          </tr>
        </thead>
        <tbody>
          {identities.map((i) => (
            <tr key={i.uuid}>
              <td className="mono">{i.name}</td>
              <td>{i.version ?? '—'}</td>
              <td>{formatDateTime(i.last_restarted)}</td>
              <td>
                {i.services.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain-list">
                    {i.services.map((s) => (
                      <li key={s.uuid}>
                        <span className="mono">{s.name}</span> <ServiceStateBadge state={s.state} />{' '}
                        <span className="muted small">updated {formatDateTime(s.modified)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The processors of the offering's agents: backend, version and when each last ran. */
export function ProcessorsTable({ processors }: { processors: AgentProcessor[] }) {
  if (processors.length === 0) return <Empty>No processor has registered yet.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Agent processors">
        <thead>
          <tr>
            <th scope="col">Processor</th>
            <th scope="col">Service</th>
            <th scope="col">Backend</th>
            <th scope="col">Backend version</th>
            <th scope="col">Last run</th>
          </tr>
        </thead>
        <tbody>
          {processors.map((p) => (
            <tr key={p.uuid}>
              <td className="mono">{p.name}</td>
              <td className="mono">{p.service_name}</td>
              <td className="mono">{p.backend_type}</td>
              <td>{p.backend_version ?? '—'}</td>
              <td>{formatDateTime(p.last_run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The newest log lines the offering's agents shipped. */
export function LogsTable({ logs }: { logs: SiteAgentLog[] }) {
  if (logs.length === 0) return <Empty>The agents have shipped no log lines.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Agent logs">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Module</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {logs.map((l) => (
            <tr key={l.uuid}>
              <td>{formatDateTime(new Date(l.timestamp * 1000).toISOString())}</td>
              <td>
                <span className={`badge badge-${LEVEL_TONES[l.level] ?? 'canceled'}`}>{l.level}</span>
              </td>
              <td className="mono">{l.module}</td>
              <td className="log-message">{l.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
