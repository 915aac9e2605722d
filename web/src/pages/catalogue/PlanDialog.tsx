import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { InlineError } from '../../ui/DataState.js';
import { Dialog } from '../../ui/Dialog.js';
import { useNotify } from '../../ui/Toasts.js';
import type { Offering, Plan } from './catalogueTypes.js';
import { PlanPriceFields } from './PlanPriceFields.js';

/** Billing periods of a plan's fixed price. */
const UNITS = [
  { value: 'month', label: 'Per month' },
  { value: 'half_month', label: 'Per half month' },
  { value: 'quarter', label: 'Per quarter' },
  { value: 'day', label: 'Per day' },
  { value: 'hour', label: 'Per hour' },
  { value: 'quantity', label: 'Per unit ordered' },
] as const;

type Unit = (typeof UNITS)[number]['value'];

/** Component type → the text of its field, from a plan's numbers. */
function texts(values: Record<string, number> | undefined, types: string[]): Record<string, string> {
  return Object.fromEntries(types.map((t) => [t, values?.[t] === undefined ? '' : String(values[t])]));
}

/**
 * Every component's value (empty means 0): the server sets the components a body leaves out to 0,
 * so a body always names them all.
 */
function full(next: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v.trim() || '0']));
}

/** Whether any field differs from what the dialog opened with. */
function differs(next: Record<string, string>, before: Record<string, string>): boolean {
  return Object.entries(next).some(([k, v]) => v.trim() !== (before[k] ?? '').trim());
}

/**
 * Creates a plan or edits one. A plan that resources use keeps its terms (the server answers 409 to
 * PUT/PATCH), so only its prices (`update_prices`, applied from the next billing month) and the
 * amounts of fixed components (`update_quotas`) can change.
 */
export function PlanDialog({
  offering,
  plan,
  onClose,
  onDone,
}: {
  offering: Offering;
  plan?: Plan;
  onClose(): void;
  onDone(): void;
}) {
  const notify = useNotify();
  const ids = { form: useId(), name: useId(), description: useId(), unit: useId(), price: useId() };
  const types = offering.components.map((c) => c.type);
  const fixed = offering.components.filter((c) => c.billing_type === 'fixed').map((c) => c.type);
  const inUse = (plan?.resources_count ?? 0) > 0;
  const [name, setName] = useState(plan?.name ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [unit, setUnit] = useState<Unit>((plan?.unit as Unit | undefined) ?? 'month');
  const [unitPrice, setUnitPrice] = useState(plan ? String(Number(plan.unit_price)) : '0');
  // A plan in use shows the prices due from next month, so saving again keeps ones set earlier.
  const [before] = useState(() => ({
    prices: texts(inUse ? { ...plan?.prices, ...plan?.future_prices } : plan?.prices, types),
    quotas: texts(plan?.quotas, fixed),
  }));
  const [prices, setPrices] = useState(before.prices);
  const [quotas, setQuotas] = useState(before.quotas);
  const { busy, error, run } = useSubmit();

  const save = async () => {
    if (plan && inUse) {
      const path = { params: { path: { uuid: plan.uuid } } };
      if (differs(prices, before.prices))
        await unwrap(
          api.POST('/api/marketplace-plans/{uuid}/update_prices/', {
            ...path,
            body: { prices: full(prices) },
          }),
        );
      if (differs(quotas, before.quotas)) {
        const amounts = Object.fromEntries(Object.entries(full(quotas)).map(([k, v]) => [k, Number(v)]));
        await unwrap(
          api.POST('/api/marketplace-plans/{uuid}/update_quotas/', { ...path, body: { quotas: amounts } }),
        );
      }
      return;
    }
    const fields = { name: name.trim(), description, unit, unit_price: unitPrice.trim() || '0' };
    if (plan) {
      const body = { ...fields, prices: full(prices), quotas: full(quotas) };
      await unwrap(
        api.PATCH('/api/marketplace-plans/{uuid}/', { params: { path: { uuid: plan.uuid } }, body }),
      );
    } else {
      const body = { ...fields, offering: offering.url, prices: full(prices), quotas: full(quotas) };
      await unwrap(api.POST('/api/marketplace-plans/', { body }));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    await run(async () => {
      await save();
      notify(plan ? 'Plan has been updated.' : 'Plan has been created.');
      onDone();
    });
  };

  return (
    <Dialog
      title={plan ? `Edit plan ${plan.name}` : 'Create plan'}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={ids.form} className="btn btn-primary" disabled={busy || !name.trim()}>
            {busy ? 'Saving…' : plan ? 'Save plan' : 'Create plan'}
          </button>
        </>
      }
    >
      <form id={ids.form} onSubmit={submit} className="catalogue-form">
        {inUse && (
          <p className="callout callout-info field-wide">
            {plan?.resources_count === 1 ? 'One resource uses' : `${plan?.resources_count} resources use`}{' '}
            this plan, so its name and terms stay as they are. New component prices apply from the next
            billing month.
          </p>
        )}
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input
            id={ids.name}
            value={name}
            required
            maxLength={150}
            disabled={inUse}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.unit}>Billing period</label>
          <select
            id={ids.unit}
            value={unit}
            disabled={inUse}
            onChange={(e) => setUnit(e.target.value as Unit)}
          >
            {UNITS.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.price}>Fixed price</label>
          <input
            id={ids.price}
            type="number"
            min={0}
            step="any"
            value={unitPrice}
            disabled={inUse}
            onChange={(e) => setUnitPrice(e.target.value)}
          />
        </div>
        <div className="field field-wide">
          <label htmlFor={ids.description}>Description</label>
          <textarea
            id={ids.description}
            rows={2}
            value={description}
            disabled={inUse}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <PlanPriceFields
          components={offering.components}
          plan={plan}
          prices={prices}
          quotas={quotas}
          onPrice={(t, v) => setPrices((s) => ({ ...s, [t]: v }))}
          onQuota={(t, v) => setQuotas((s) => ({ ...s, [t]: v }))}
        />
        <InlineError error={error} />
      </form>
    </Dialog>
  );
}
