import type { ReactNode } from 'react';
import type { Order } from '../../api/types.js';
import { formatDateTime, formatMoney, offeringTypeLabel } from '../../lib/format.js';
import { Empty } from '../../ui/DataState.js';

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function KeyValues({ title, values }: { title: string; values: Record<string, unknown> }) {
  const entries = Object.entries(values);
  return (
    <section className="card-sub" aria-label={title}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <dl className="kv">
          {entries.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd className="mono">{show(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The order's plan, cost, attributes and limits. */
export function DetailsTab({ order: o }: { order: Order }) {
  const facts: [string, ReactNode][] = [
    ['Type', o.type],
    ['Offering', `${o.offering_name} (${offeringTypeLabel(o.offering_type)})`],
    ['Provider', o.provider_name],
    ['Plan', o.plan_name ?? '—'],
    ['Cost estimate', o.cost === null ? '—' : `${formatMoney(o.cost)} per month`],
    ['Created', formatDateTime(o.created)],
    ['Completed', formatDateTime(o.completed_at)],
    ['Request comment', o.request_comment || '—'],
    ['Backend id', o.backend_id || '—'],
    [
      'Order id',
      <span key="id" className="mono">
        {o.uuid}
      </span>,
    ],
  ];
  return (
    <div className="grid-2">
      <section className="card-sub" aria-label="Summary">
        <h3>Summary</h3>
        <dl className="kv">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="stack">
        <KeyValues title="Limits" values={o.limits} />
        <KeyValues title="Attributes" values={o.attributes} />
      </div>
    </div>
  );
}
