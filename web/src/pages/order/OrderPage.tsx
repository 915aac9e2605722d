import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { countOf, offeringTypeLabel } from '../../lib/format.js';
import { Link, useSearchParams } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { OrderStateBadge, Tag } from '../../ui/Badge.js';
import { ErrorBox, Loading } from '../../ui/DataState.js';
import { Tabs } from '../../ui/Tabs.js';
import { ApprovalsTab } from './ApprovalsTab.js';
import { AttemptsTab } from './AttemptsTab.js';
import { DetailsTab } from './DetailsTab.js';
import { ExecutingNote } from './ExecutingNote.js';
import { OrderActions } from './OrderActions.js';
import { PurchaseOrder } from './PurchaseOrder.js';
import { TenantLink } from './TenantLink.js';
import { TimelineTab } from './TimelineTab.js';
import { useResourceView } from './useResourceView.js';

/** Order details: header with state and offering, the Actions dropdown, and four tabs. */
export function OrderPage({ uuid }: { uuid: string }) {
  const order = useLoad(
    () => unwrap(api.GET('/api/marketplace-orders/{uuid}/', { params: { path: { uuid } } })),
    [uuid],
  );
  const [sp, setSp] = useSearchParams();
  const [version, setVersion] = useState(0);
  const o = order.data;
  const name = o ? o.resource_name || String(o.attributes.name ?? '') || o.offering_name : '';
  usePageTitle(o ? `Order ${name}` : 'Order');
  const resourceView = useResourceView(o?.provider_uuid);
  if (!o) {
    if (order.status === 'error') return <ErrorBox error={order.error} onRetry={order.reload} />;
    return <Loading label="Loading order…" />;
  }
  const changed = () => {
    order.reload();
    setVersion((v) => v + 1);
  };
  const tab = sp.get('tab') ?? 'approvals';
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Tag>{`${o.type} order`}</Tag> {o.offering_name} · {offeringTypeLabel(o.offering_type)} ·{' '}
            {o.provider_name}
          </p>
          <h1>
            {name} <OrderStateBadge state={o.state} />
          </h1>
          <p className="muted">
            {o.customer_name} / {o.project_name} · Resource{' '}
            <Link to={`/resources/${o.marketplace_resource_uuid}${resourceView}`}>
              {o.resource_name || 'details'}
            </Link>
            {o.offering_type === 'Orderly.Tenant' && <TenantLink order={o} />}
          </p>
        </div>
        <OrderActions order={o} onChanged={changed} />
      </header>
      {order.status === 'error' && <ErrorBox error={order.error} onRetry={order.reload} />}
      <ExecutingNote order={o} />
      <PurchaseOrder order={o} onChanged={changed} />
      {o.state === 'erred' && (
        <div className="callout callout-error" role="note">
          <strong>This order failed.</strong> {o.error_message || 'No error message was recorded.'}{' '}
          <Link to={`/orders/${o.uuid}?tab=errors`}>See the error details.</Link>
        </div>
      )}
      <Tabs
        selected={tab}
        onSelect={(t) => setSp(new URLSearchParams({ tab: t }), { replace: true })}
        tabs={[
          { key: 'approvals', label: 'Approvals', panel: () => <ApprovalsTab order={o} /> },
          { key: 'details', label: 'Details', panel: () => <DetailsTab order={o} /> },
          // Only an order that has failed at least once has error details to show.
          ...(o.state === 'erred' || o.attempt_count > 1 || o.error_message
            ? [
                {
                  key: 'errors',
                  label: `Error details (${countOf(o.attempt_count, 'attempt')})`,
                  panel: () => <AttemptsTab key={version} order={o} />,
                },
              ]
            : []),
          { key: 'timeline', label: 'Timeline', panel: () => <TimelineTab key={version} order={o} /> },
        ]}
      />
    </div>
  );
}
