import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { formatDateTime, formatMoney, offeringTypeLabel, orderStateTitle } from '../../lib/format.js';
import { Link, useSearchParams } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ResourceStateBadge } from '../../ui/Badge.js';
import { ErrorBox, Loading } from '../../ui/DataState.js';
import { EventHistory } from '../order/EventHistory.js';
import { EditResourceDialog } from './EditResourceDialog.js';
import { GuidancePanel } from './GuidancePanel.js';
import { ResourceActionDialog, ResourceActions } from './ResourceActions.js';
import { ResourceOrders } from './ResourceOrders.js';
import type { ResourceView } from './resourceActionDefs.js';

function load(uuid: string, view: ResourceView) {
  const params = { params: { path: { uuid } } };
  return view === 'provider'
    ? unwrap(api.GET('/api/marketplace-provider-resources/{uuid}/', params))
    : unwrap(api.GET('/api/marketplace-resources/{uuid}/', params));
}

/**
 * The view of a link without `?view=`: the provider view (with the provider actions) when the
 * caller acts for the resource's provider, as order pages link it (useResourceView); else the
 * consumer view. Asked through the provider list, which answers 200 either way, so no 404 is provoked.
 */
async function chooseView(uuid: string, canProvide: boolean): Promise<ResourceView> {
  if (!canProvide) return 'consumer';
  const provided = await unwrap(
    api.GET('/api/marketplace-provider-resources/', { params: { query: { query: uuid, field: ['uuid'] } } }),
  );
  return provided.length > 0 ? 'provider' : 'consumer';
}

/** Resource details: state, actions by section, recovery guidance when stuck, and its orders. */
export function ResourcePage({ uuid }: { uuid: string }) {
  const [sp] = useSearchParams();
  const { access } = useSession();
  const asked = sp.get('view');
  const canProvide = access.isStaff || access.providers.length > 0;
  const resource = useLoad(async () => {
    const v: ResourceView =
      asked === 'provider'
        ? 'provider'
        : asked === 'consumer'
          ? 'consumer'
          : await chooseView(uuid, canProvide);
    return { ...(await load(uuid, v)), view: v };
  }, [uuid, asked, canProvide]);
  const view: ResourceView = resource.data?.view ?? (asked === 'provider' ? 'provider' : 'consumer');
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);
  const r = resource.data;
  usePageTitle(r ? `Resource ${r.name}` : 'Resource');
  if (!r) {
    if (resource.status === 'error') return <ErrorBox error={resource.error} onRetry={resource.reload} />;
    return <Loading label="Loading resource…" />;
  }
  const done = () => {
    setOpen(null);
    setEditing(false);
    resource.reload();
    setVersion((v) => v + 1);
  };
  const facts: [string, string][] = [
    ['Offering', `${r.offering_name} (${offeringTypeLabel(r.offering_type)})`],
    ['Provider', r.provider_name],
    ['Plan', r.plan_name ?? '—'],
    ['Cost', r.cost === null ? '—' : `${formatMoney(r.cost)} per month`],
    ['Backend id', r.backend_id || '—'],
    ['Created', formatDateTime(r.created)],
    ['End date', r.end_date ?? '—'],
    [
      'Limits',
      Object.entries(r.limits)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ') || '—',
    ],
  ];
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            Resource · {view === 'provider' ? 'provider view' : 'consumer view'} · {r.customer_name} /{' '}
            {r.project_name}
          </p>
          <h1>
            {r.name} <ResourceStateBadge state={r.state} />
          </h1>
          {r.order_in_progress && (
            <p className="muted">
              Order in progress:{' '}
              <Link to={`/orders/${r.order_in_progress.uuid}`}>
                {r.order_in_progress.type} order ({orderStateTitle(r.order_in_progress.state)})
              </Link>
            </p>
          )}
        </div>
        <div className="row-actions">
          {r.abilities.update?.allowed === true && (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          <ResourceActions resource={r} onOpen={setOpen} />
        </div>
      </header>
      {resource.status === 'error' && <ErrorBox error={resource.error} onRetry={resource.reload} />}
      {r.error_message && (
        <div className="callout callout-error" role="note">
          <strong>{r.state === 'Erred' ? 'Error: ' : 'Last error (kept after the state change): '}</strong>
          {r.error_message}
        </div>
      )}
      {r.guidance && <GuidancePanel resource={r} guidance={r.guidance} onAction={setOpen} />}
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">Details</h2>
        <dl className="kv kv-wide">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="orders-title">
        <h2 id="orders-title">Orders</h2>
        <ResourceOrders resourceUuid={r.uuid} version={version} onChanged={done} />
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <EventHistory
          key={version}
          scope={{ resource_uuid: r.uuid }}
          label="Resource history, oldest first"
        />
      </section>
      {editing && (
        <EditResourceDialog resource={r} view={view} onClose={() => setEditing(false)} onDone={done} />
      )}
      {open && (
        <ResourceActionDialog
          resource={r}
          view={view}
          action={open}
          onClose={() => setOpen(null)}
          onDone={done}
          onRefresh={resource.reload}
        />
      )}
    </div>
  );
}
