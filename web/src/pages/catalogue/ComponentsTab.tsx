import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { Empty } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';
import { ComponentDialog } from './ComponentDialog.js';
import { asRefusal, billingLabel, type Component, type Offering } from './catalogueTypes.js';

/** "1–256", "from 10", or a dash. */
function range(c: Component): string {
  if (c.min_value === null && c.max_value === null) return '—';
  if (c.max_value === null) return `from ${c.min_value}`;
  if (c.min_value === null) return `up to ${c.max_value}`;
  return `${c.min_value}–${c.max_value}`;
}

/** The offering's components: what plans price and orders size; add, edit, remove. */
export function ComponentsTab({
  offering,
  canEdit,
  onChanged,
}: {
  offering: Offering;
  canEdit: boolean;
  onChanged(): void;
}) {
  const notify = useNotify();
  const [editing, setEditing] = useState<Component | 'new' | null>(null);
  const [removing, setRemoving] = useState<Component | null>(null);
  const done = () => {
    setEditing(null);
    setRemoving(null);
    onChanged();
  };
  const list = offering.components;
  return (
    <section className="card stack" aria-label="Components">
      <div className="section-head">
        <p className="muted">Components are the measured parts of the offering that plans give prices to.</p>
        {canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            Add component
          </button>
        )}
      </div>
      {list.length === 0 ? (
        <Empty>This offering has no components: its plans have only a fixed price.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Type</th>
                <th scope="col">Billing</th>
                <th scope="col">Unit</th>
                <th scope="col">Range</th>
                {canEdit && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.uuid}>
                  <td data-label="Component">
                    <div>
                      <strong>{c.name}</strong>
                      {c.description && <div className="muted small">{c.description}</div>}
                    </div>
                  </td>
                  <td data-label="Type" className="mono">
                    {c.type}
                  </td>
                  <td data-label="Billing">{billingLabel(c.billing_type)}</td>
                  <td data-label="Unit">{c.measured_unit || '—'}</td>
                  <td data-label="Range">{range(c)}</td>
                  {canEdit && (
                    <td data-label="Actions">
                      <span className="row-buttons">
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Edit component ${c.name}`}
                          onClick={() => setEditing(c)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Remove component ${c.name}`}
                          onClick={() => setRemoving(c)}
                        >
                          Remove
                        </button>
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ComponentDialog
          offeringUuid={offering.uuid}
          {...(editing === 'new' ? {} : { component: editing })}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {removing && (
        <ConfirmDialog
          spec={{
            title: `Remove component ${removing.name}`,
            body: (
              <p>
                The component and its price in every plan are removed. A component that a resource has a limit
                or usage for cannot be removed.
              </p>
            ),
            confirmLabel: 'Remove',
            danger: true,
          }}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            try {
              await unwrap(
                api.POST('/api/marketplace-provider-offerings/{uuid}/remove_offering_component/', {
                  params: { path: { uuid: offering.uuid } },
                  body: { uuid: removing.uuid },
                }),
              );
            } catch (e) {
              throw asRefusal(e);
            }
            notify('Component has been removed.');
            done();
          }}
        />
      )}
    </section>
  );
}
