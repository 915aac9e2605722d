import type { Order } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { OrderStateBadge, Tag } from '../../ui/Badge.js';
import type { ListParams, SortKey } from './orderQuery.js';

/** Props of {@link OrdersTable}. */
export interface OrdersTableProps {
  orders: Order[];
  caption: string;
  ordering: ListParams['o'];
  onSort(o: ListParams['o']): void;
  /** Selection for bulk actions (provider dashboard). */
  selected?: Set<string>;
  onToggle?(uuid: string): void;
  onToggleAll?(all: boolean): void;
}

function SortHeader({
  label,
  sortKey,
  ordering,
  onSort,
  className,
}: { label: string; sortKey: SortKey; className?: string } & Pick<OrdersTableProps, 'ordering' | 'onSort'>) {
  const dir = ordering === sortKey ? 'ascending' : ordering === `-${sortKey}` ? 'descending' : 'none';
  const next = dir === 'descending' ? sortKey : (`-${sortKey}` as const);
  return (
    <th scope="col" aria-sort={dir} className={className}>
      <button type="button" className="sort-btn" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  );
}

function Reviewed({ at, by }: { at: string | null; by: string }) {
  if (!at) return <span className="muted">—</span>;
  return (
    <>
      {formatDateTime(at)}
      <div className="muted small">{by || 'automatically'}</div>
    </>
  );
}

/** The orders list: name, created, created by, state, project, organization, both reviews. */
export function OrdersTable({
  orders,
  caption,
  ordering,
  onSort,
  selected,
  onToggle,
  onToggleAll,
}: OrdersTableProps) {
  const selectable = selected !== undefined;
  const allSelected = selectable && orders.length > 0 && orders.every((o) => selected.has(o.uuid));
  return (
    <section className="table-wrap" aria-label={caption}>
      <table className="table table-cards">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label="Select all orders on this page"
                  checked={allSelected}
                  onChange={(e) => onToggleAll?.(e.target.checked)}
                />
              </th>
            )}
            <th scope="col" className="col-name">
              Name
            </th>
            <SortHeader label="Created" sortKey="created" ordering={ordering} onSort={onSort} />
            <th scope="col" className="col-opt">
              Created by
            </th>
            <SortHeader label="State" sortKey="state" ordering={ordering} onSort={onSort} />
            <th scope="col" className="col-opt">
              Project
            </th>
            <th scope="col" className="col-opt">
              Client organization
            </th>
            <SortHeader
              label="Approved at / by"
              sortKey="consumer_reviewed_at"
              ordering={ordering}
              onSort={onSort}
              className="col-opt"
            />
            <th scope="col" className="col-opt">
              Provider reviewed at / by
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => {
            const name = o.resource_name || String(o.attributes.name ?? '') || o.offering_name;
            return (
              <tr key={o.uuid} className={selected?.has(o.uuid) ? 'row-selected' : undefined}>
                {selectable && (
                  <td className="col-check">
                    <input
                      type="checkbox"
                      aria-label={`Select order ${name}`}
                      checked={selected.has(o.uuid)}
                      onChange={() => onToggle?.(o.uuid)}
                    />
                  </td>
                )}
                <td data-label="Name">
                  <Link to={`/orders/${o.uuid}`} className="strong-link">
                    {name}
                  </Link>
                  <div className="muted small">
                    <Tag>{o.type}</Tag> {o.offering_name}
                  </div>
                </td>
                <td className="nowrap" data-label="Created">
                  {formatDateTime(o.created)}
                </td>
                <td className="col-opt" data-label="Created by">
                  {o.created_by_full_name || o.created_by_username || '—'}
                </td>
                <td data-label="State">
                  <OrderStateBadge state={o.state} />
                </td>
                <td className="col-opt" data-label="Project">
                  {o.project_name}
                </td>
                <td className="col-opt" data-label="Client organization">
                  {o.customer_name}
                </td>
                <td className="nowrap col-opt" data-label="Approved at / by">
                  <Reviewed at={o.consumer_reviewed_at} by={o.consumer_reviewed_by_full_name} />
                </td>
                <td className="nowrap col-opt" data-label="Provider reviewed">
                  <Reviewed at={o.provider_reviewed_at} by={o.provider_reviewed_by_full_name} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
