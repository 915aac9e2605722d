import { useEffect, useState } from 'react';
import type { components, operations } from '../../../../openapi/client/schema.js';
import { api, unwrap } from '../../api/client.js';
import { ApiError } from '../../api/problem.js';
import { formatMoney } from '../../lib/format.js';

/** The order create body, as preflight takes it. */
export type PreflightBody =
  operations['marketplace_orders_preflight']['requestBody']['content']['application/json'];
type Verdict = components['schemas']['OrderPreflight'];
type Step = Verdict['approval_path'][number];

/** Wait after the last keystroke before asking the server (the check runs the real create). */
const DEBOUNCE_MS = 400;

const STEP_TITLES: Record<Step['step'], string> = {
  consumer_review: 'Approval by your organization',
  project_start: 'Project start',
  provider_review: 'Approval by the provider',
  start_date: 'Start date',
  processing: 'Provisioning',
};
const OUTCOME_TONES: Record<Step['outcome'], string> = {
  waits: 'pending-consumer',
  skipped: 'canceled',
  auto_approved: 'done',
  done: 'done',
  fails: 'erred',
};
const OUTCOME_LABELS: Record<Step['outcome'], string> = {
  waits: 'Waits',
  skipped: 'Not needed',
  auto_approved: 'Auto-approved',
  done: 'Done at once',
  fails: 'Fails',
};

/** `/body/limits/cpu` → "limits › cpu". */
const fieldOf = (pointer: string) =>
  pointer
    .replace(/^\/body\/?/, '')
    .split('/')
    .join(' › ');

/** Asks `POST /api/marketplace-orders/preflight/` about `body`, debounced; the latest answer wins. */
function usePreflight(body: PreflightBody | null) {
  const key = body ? JSON.stringify(body) : '';
  const [state, setState] = useState<{ key: string; verdict?: Verdict; error?: ApiError }>({ key: '' });
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      unwrap(api.POST('/api/marketplace-orders/preflight/', { body: JSON.parse(key) as PreflightBody }))
        .then((verdict) => live && setState({ key, verdict }))
        .catch((error: unknown) => {
          if (live) setState({ key, error: error instanceof ApiError ? error : ApiError.network() });
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { ...state, checking: state.key !== key };
}

function StepRow({ s }: { s: Step }) {
  return (
    <li data-step={s.step}>
      <span className={`badge badge-${OUTCOME_TONES[s.outcome]}`}>{OUTCOME_LABELS[s.outcome]}</span>{' '}
      <strong>{STEP_TITLES[s.step]}</strong>
      <div className="muted small">{s.detail}</div>
      {s.approvers.length > 0 && (
        <div className="small">
          Can approve: {s.approvers.map((a) => a.full_name || a.username).join(', ')}
        </div>
      )}
    </li>
  );
}

function Headroom({ h }: { h: NonNullable<Verdict['headroom']> }) {
  const rows: [string, string][] = [];
  if (h.plan?.max_amount)
    rows.push([`Plan “${h.plan.name}”`, `${h.plan.remaining} of ${h.plan.max_amount} left`]);
  if (h.project_resources)
    rows.push([
      'This offering in the project',
      `${h.project_resources.remaining} of ${h.project_resources.max} left`,
    ]);
  if (h.auto_approval)
    rows.push([
      'Auto-approval limit',
      h.auto_approval.remaining === null
        ? formatMoney(h.auto_approval.monthly_cost_limit)
        : `${formatMoney(h.auto_approval.remaining)} left of ${formatMoney(h.auto_approval.monthly_cost_limit)}`,
    ]);
  if (rows.length === 0) return null;
  return (
    <table className="table-compact" aria-label="Headroom">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="num">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Order preflight, live: as the form changes, the server runs the real create and rolls it back,
 * and this panel says whether Submit would be accepted (or why not), who must approve, and the
 * room left under the plan, project and auto-approval limits.
 */
export function PreflightPanel({ body }: { body: PreflightBody | null }) {
  const { verdict, error, checking } = usePreflight(body);
  if (!body) return null;
  return (
    <section
      className="preflight"
      aria-labelledby="preflight-title"
      data-testid="preflight"
      aria-busy={checking}
    >
      <h2 id="preflight-title">Before you submit</h2>
      <div aria-live="polite">
        {checking && !verdict && !error && <p className="muted small">Checking…</p>}
        {error && <p className="inline-error">Could not check the order: {error.message}</p>}
        {verdict && (
          <>
            {verdict.accepted ? (
              <p data-testid="preflight-verdict" className="preflight-ok">
                ✓ The order would be accepted.
              </p>
            ) : (
              <div data-testid="preflight-verdict" className="preflight-refused">
                <p>✗ The order would be refused: {verdict.problem?.detail}</p>
                {(verdict.problem?.errors.length ?? 0) > 0 && (
                  <ul className="small">
                    {verdict.problem?.errors.map((e) => (
                      <li key={e.pointer + e.detail}>
                        {fieldOf(e.pointer)}: {e.detail}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            {verdict.approval_path.length > 0 && (
              <ol className="preflight-path" aria-label="Approval path">
                {verdict.approval_path.map((s) => (
                  <StepRow key={s.step} s={s} />
                ))}
              </ol>
            )}
            {verdict.headroom && <Headroom h={verdict.headroom} />}
            {checking && <p className="muted small">Checking your changes…</p>}
          </>
        )}
      </div>
    </section>
  );
}
