import { api, unwrapPage } from '../../api/client.js';
import { formatDateTime } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { OrderStateBadge, Tag } from '../../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { CancelTerminationButton } from './CancelTerminationButton.js';

/** The resource's orders, newest first (Create, Update, Terminate, Restore). */
export function ResourceOrders({
  resourceUuid,
  version,
  onChanged,
}: {
  resourceUuid: string;
  version: number;
  onChanged(): void;
}) {
  const orders = useLoad(
    () =>
      unwrapPage(
        api.GET('/api/marketplace-orders/', {
          params: { query: { resource_uuid: resourceUuid, o: '-created', page_size: 50 } },
        }),
      ),
    [resourceUuid, version],
  );
  if (orders.status === 'error') return <ErrorBox error={orders.error} onRetry={orders.reload} />;
  if (!orders.data) return <Loading label="Loading orders…" />;
  if (orders.data.items.length === 0) return <Empty>This resource has no orders.</Empty>;
  // The newest force destroy's note: what provider-side cleanup was skipped (seed 001).
  const forced = orders.data.items.find((o) => o.attributes.action === 'force_destroy' && o.output);
  return (
    <>
      {forced && (
        <p className="callout callout-warning" role="note" aria-label="Force destroy note">
          {forced.output}
        </p>
      )}
      <section className="table-wrap" aria-label="Orders of this resource">
        <table className="table table-cards">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Created by</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.data.items.map((o) => (
              <tr key={o.uuid}>
                <td data-label="Order">
                  <Link to={`/orders/${o.uuid}`} className="strong-link">
                    {o.type} order
                  </Link>{' '}
                  {o.attributes.action === 'force_destroy' && <Tag>force destroy</Tag>}
                </td>
                <td data-label="State">
                  <OrderStateBadge state={o.state} />
                </td>
                <td className="nowrap" data-label="Created">
                  {formatDateTime(o.created)}
                </td>
                <td data-label="Created by">{o.created_by_full_name || o.created_by_username || '—'}</td>
                <td>
                  <CancelTerminationButton order={o} onDone={onChanged} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
