import { useState } from 'react';
import { api, unwrap, unwrapEmpty } from '../../api/client.js';
import { countOf, formatMoney, formatUnitPrice } from '../../lib/format.js';
import { ConfirmDialog, type ConfirmSpec } from '../../ui/ConfirmDialog.js';
import { Empty } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';
import { asRefusal, type Offering, type Plan } from './catalogueTypes.js';
import { PlanDialog } from './PlanDialog.js';

type Pending = { kind: 'archive' | 'delete'; plan: Plan };

/** What each confirmation says. */
function confirmSpec({ kind, plan }: Pending): ConfirmSpec {
  return kind === 'archive'
    ? {
        title: `Archive plan ${plan.name}`,
        body: (
          <p>
            New orders can no longer choose this plan; the {countOf(plan.resources_count, 'resource')} on it
            keep it.
          </p>
        ),
        confirmLabel: 'Archive',
      }
    : {
        title: `Delete plan ${plan.name}`,
        body: (
          <p>The plan is deleted for good. A plan that orders or resources refer to can only be archived.</p>
        ),
        confirmLabel: 'Delete',
        danger: true,
      };
}

/** The offering's plans: prices, use, state; create, edit, archive, delete. */
export function PlansTab({
  offering,
  plans,
  canEdit,
  onChanged,
}: {
  offering: Offering;
  plans: Plan[];
  canEdit: boolean;
  onChanged(): void;
}) {
  const notify = useNotify();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const names = new Map(offering.components.map((c) => [c.type, c]));
  const done = () => {
    setEditing(null);
    setPending(null);
    onChanged();
  };
  const act = async ({ kind, plan }: Pending) => {
    const path = { params: { path: { uuid: plan.uuid } } };
    try {
      if (kind === 'archive') await unwrap(api.POST('/api/marketplace-plans/{uuid}/archive/', path));
      else await unwrapEmpty(api.DELETE('/api/marketplace-plans/{uuid}/', path));
    } catch (e) {
      throw asRefusal(e);
    }
    notify(kind === 'archive' ? 'Plan has been archived.' : 'Plan has been deleted.');
    done();
  };
  return (
    <section className="card stack" aria-label="Plans">
      <div className="section-head">
        <p className="muted">
          Plans are what consumers choose when they order: a fixed price and component prices.
        </p>
        {canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            Create plan
          </button>
        )}
      </div>
      {plans.length === 0 ? (
        <Empty>This offering has no plan yet, so it cannot be ordered.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Fixed price</th>
                <th scope="col">Component prices</th>
                <th scope="col">Resources</th>
                <th scope="col">State</th>
                {canEdit && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.uuid} data-testid={`plan-${p.uuid}`}>
                  <td data-label="Plan">
                    <div>
                      <strong>{p.name}</strong>
                      {p.description && <div className="muted small">{p.description}</div>}
                    </div>
                  </td>
                  <td data-label="Fixed price">
                    <span>
                      {formatMoney(p.unit_price)}{' '}
                      <span className="muted small">/ {p.unit.replace('_', ' ')}</span>
                    </span>
                  </td>
                  <td data-label="Component prices">
                    <ul className="plain-list price-list">
                      {Object.entries(p.prices).map(([type, price]) => (
                        <li key={type}>
                          {names.get(type)?.name ?? type}: {formatUnitPrice(price)}
                          {p.future_prices[type] !== undefined && p.future_prices[type] !== price && (
                            <span className="muted small">
                              {' '}
                              → {formatUnitPrice(p.future_prices[type])} next month
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Resources">{p.resources_count}</td>
                  <td data-label="State">
                    <span className={`badge badge-${p.archived ? 'canceled' : 'done'}`}>
                      {p.archived ? 'Archived' : 'Active'}
                    </span>
                  </td>
                  {canEdit && (
                    <td data-label="Actions">
                      <span className="row-buttons">
                        <RowButton label="Edit" plan={p} onClick={() => setEditing(p)} />
                        {!p.archived && (
                          <RowButton
                            label="Archive"
                            plan={p}
                            onClick={() => setPending({ kind: 'archive', plan: p })}
                          />
                        )}
                        <RowButton
                          label="Delete"
                          plan={p}
                          onClick={() => setPending({ kind: 'delete', plan: p })}
                        />
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
        <PlanDialog
          offering={offering}
          {...(editing === 'new' ? {} : { plan: editing })}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {pending && (
        <ConfirmDialog
          spec={confirmSpec(pending)}
          onClose={() => setPending(null)}
          onConfirm={() => act(pending)}
        />
      )}
    </section>
  );
}

/** A small row button named after its plan ("Delete plan Storage") for screen readers. */
function RowButton({ label, plan, onClick }: { label: string; plan: Plan; onClick(): void }) {
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-label={`${label} plan ${plan.name}`}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
