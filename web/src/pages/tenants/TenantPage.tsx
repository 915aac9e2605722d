import { useCallback } from 'react';
import { api, unwrap } from '../../api/client.js';
import type { TenantRun } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { TenantStateBadge } from '../../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { TenantActions } from './TenantActions.js';
import { TenantEventList } from './TenantEventList.js';
import { useTenantFeed } from './useTenantFeed.js';

const seconds = (ms: number | null) => (ms === null ? '' : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`);

type RunStep = TenantRun['steps'][number];

/** One step's status in words (§10): pending, running, waiting retry, completed, reused, failed… */
function stepStatus(s: RunStep): string {
  const last = s.tries_detail[s.tries_detail.length - 1];
  switch (s.status) {
    case 'pending':
      return 'Pending';
    case 'running':
      return `Running (try ${s.tries || 1})`;
    case 'waiting_retry':
      return `Waiting retry at ${formatDateTime(last?.next_try_at)}${last?.error_message ? `: ${last.error_message}` : ''}`;
    case 'completed':
      return `Completed${s.duration_ms === null ? '' : ` in ${seconds(s.duration_ms)}`}`;
    case 'reused':
      return `Reused from attempt ${s.reused_from_attempt ?? '?'}`;
    case 'failed':
      return `Failed: ${last?.error_code ?? 'error'} — ${last?.error_message ?? ''}`;
    case 'compensated':
      return 'Compensated';
    case 'compensation_skipped':
      return 'Compensation skipped';
    default:
      return s.status.replace(/_/g, ' ');
  }
}

function RunCard({ run, open }: { run: TenantRun; open: boolean }) {
  const title =
    run.kind === 'provision'
      ? `Attempt ${run.attempt_number ?? run.number}`
      : `Decommission run ${run.number}`;
  return (
    <details className="card-sub" open={open}>
      <summary>
        {title} · {run.trigger} · {run.status}
        {run.start_step ? ` · from ${run.start_step}` : ''}
      </summary>
      <ol className="steps" aria-label={`Steps of ${title}`}>
        {run.steps.map((s) => (
          <li key={s.step} className="row-line" data-status={s.status}>
            <span className="mono">{s.step}</span>
            <span className={`tag step-${s.status}`}>{stepStatus(s)}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Tenant detail (tenant spec §10): state, actions, failure, live provisioning timeline, attempts. */
export function TenantPage({ uuid }: { uuid: string }) {
  const tenant = useLoad(
    () => unwrap(api.GET('/api/tenants/{uuid}/', { params: { path: { uuid } } })),
    [uuid],
  );
  const runs = useLoad(
    () => unwrap(api.GET('/api/tenants/{uuid}/runs/', { params: { path: { uuid } } })),
    [uuid],
  );
  const reloadTenant = tenant.reload;
  const reloadRuns = runs.reload;
  const onNew = useCallback(() => {
    reloadTenant();
    reloadRuns();
  }, [reloadTenant, reloadRuns]);
  const feed = useTenantFeed(uuid, onNew);
  const t = tenant.data;
  usePageTitle(t ? `Tenant ${t.slug}` : 'Tenant');
  if (!t) {
    if (tenant.status === 'error') return <ErrorBox error={tenant.error} onRetry={tenant.reload} />;
    return <Loading label="Loading tenant…" />;
  }
  const failure = t.last_failure;
  const consoleUrl =
    t.state === 'Active' && t.abilities.open_admin_console.allowed ? t.admin_console_url : null;
  const provisionRuns = (runs.data ?? []).filter((r) => r.kind === 'provision');
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            Tenant · <span className="mono">{t.slug}</span>
          </p>
          <h1>
            {t.name} <TenantStateBadge state={t.state} />
          </h1>
          <p className="muted">
            <Link to={`/resources/${t.resource_uuid}`}>Resource</Link> ·{' '}
            <Link to={`/orders/${t.creation_order_uuid}`}>Creation order</Link>
          </p>
        </div>
        <div className="row-line">
          {consoleUrl && (
            <a className="btn" href={consoleUrl} target="_blank" rel="noopener noreferrer">
              Open Admin Console
            </a>
          )}
          <TenantActions tenant={t} onChanged={onNew} />
        </div>
      </header>
      {tenant.status === 'error' && <ErrorBox error={tenant.error} onRetry={tenant.reload} />}
      {t.abilities.retry.warning && (
        <p className="callout callout-warning" role="note">
          <strong>Warning: </strong>
          {t.abilities.retry.warning}
        </p>
      )}
      {failure && t.state === 'Failed' && (
        <section className="callout callout-error" aria-label="Failure details">
          <strong>Provisioning failed</strong> (attempt {failure.attempt_number}) at step{' '}
          <span className="mono" data-testid="failed-activity">
            {failure.failed_activity ?? '—'}
          </span>
          : <span className="mono">{failure.details.code}</span> — <span>{failure.details.message}</span> (
          {failure.details.tries} {failure.details.tries === 1 ? 'try' : 'tries'},{' '}
          {formatDateTime(failure.at)})
          {failure.details.stack && (
            <details>
              <summary>Stack</summary>
              <pre className="mono">{failure.details.stack}</pre>
            </details>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="tenant-facts">
        <h2 id="tenant-facts">Details</h2>
        <dl className="kv kv-wide">
          <div>
            <dt>Storage</dt>
            <dd className="mono">
              {t.storage.kind} {t.storage.name}
            </dd>
          </div>
          <div>
            <dt>Attempt</dt>
            <dd>
              {t.attempt_number} ({t.failed_attempts} failed)
            </dd>
          </div>
          <div>
            <dt>Current run</dt>
            <dd>
              {t.current_run
                ? `${t.current_run.kind} · ${t.current_run.status}${t.current_run.step ? ` · ${t.current_run.step}` : ''}${t.current_run.try ? ` (try ${t.current_run.try})` : ''}`
                : 'None'}
            </dd>
          </div>
          <div>
            <dt>Certificate</dt>
            <dd>
              {t.certificate
                ? `serial ${t.certificate.serial}, until ${formatDateTime(t.certificate.not_after)}`
                : '—'}
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(t.created)}</dd>
          </div>
          <div>
            <dt>Activated</dt>
            <dd>{formatDateTime(t.activated_at)}</dd>
          </div>
        </dl>
        {t.lock && (
          <p className="muted">
            Lock held by <span className="mono">{t.lock.holder}</span> since{' '}
            {formatDateTime(t.lock.acquired_at)}; last heartbeat {formatDateTime(t.lock.heartbeat_at)} (
            {t.lock.fresh ? 'fresh' : 'stale'}).
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Provisioning timeline</h2>
        {feed.error && <p className="muted">Live updates interrupted; reconnecting…</p>}
        {runs.status === 'error' && <ErrorBox error={runs.error} onRetry={runs.reload} />}
        {!runs.data ? (
          <Loading label="Loading runs…" />
        ) : runs.data.length === 0 ? (
          <Empty>No runs yet.</Empty>
        ) : (
          <div className="stack">
            {runs.data.map((r, i) => (
              <RunCard key={r.uuid} run={r} open={i === 0} />
            ))}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="attempts-title">
        <h2 id="attempts-title">Attempts</h2>
        {provisionRuns.length === 0 ? (
          <Empty>No provisioning attempts yet.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Attempt</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Started</th>
                  <th scope="col">Finished</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Failed step</th>
                  <th scope="col">Start step</th>
                </tr>
              </thead>
              <tbody>
                {provisionRuns.map((r) => (
                  <tr key={r.uuid}>
                    <td>{r.attempt_number}</td>
                    <td>{r.trigger}</td>
                    <td>{r.actor_username ?? '—'}</td>
                    <td>{r.reason || '—'}</td>
                    <td>{formatDateTime(r.started_at)}</td>
                    <td>{formatDateTime(r.finished_at)}</td>
                    <td>{r.status}</td>
                    <td className="mono">{r.failed_activity ?? '—'}</td>
                    <td className="mono">{r.start_step ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">Events</h2>
        <TenantEventList events={feed.events} runs={runs.data ?? []} />
      </section>
    </div>
  );
}
