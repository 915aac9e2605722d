import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { InlineError } from '../../ui/DataState.js';
import { Dialog } from '../../ui/Dialog.js';
import { useNotify } from '../../ui/Toasts.js';
import { BILLING_TYPES, type BillingType, type Component, numberOrNull } from './catalogueTypes.js';

const PERIODS = [
  { value: '', label: 'None' },
  { value: 'month', label: 'Per month' },
  { value: 'quarterly', label: 'Per quarter' },
  { value: 'annual', label: 'Per year' },
  { value: 'total', label: 'In total' },
] as const;

type Period = (typeof PERIODS)[number]['value'];

/** Adds a component to an offering, or edits one (`create_` / `update_offering_component`). */
export function ComponentDialog({
  offeringUuid,
  component,
  onClose,
  onDone,
}: {
  offeringUuid: string;
  /** The component to edit; none to add one. */
  component?: Component;
  onClose(): void;
  onDone(): void;
}) {
  const notify = useNotify();
  const ids = { form: useId(), type: useId(), name: useId(), billing: useId(), unit: useId() };
  const more = { description: useId(), min: useId(), max: useId(), period: useId() };
  const [type, setType] = useState(component?.type ?? '');
  const [name, setName] = useState(component?.name ?? '');
  const [billing, setBilling] = useState<BillingType>(component?.billing_type ?? 'limit');
  const [unit, setUnit] = useState(component?.measured_unit ?? '');
  const [description, setDescription] = useState(component?.description ?? '');
  const [min, setMin] = useState(component?.min_value?.toString() ?? '');
  const [max, setMax] = useState(component?.max_value?.toString() ?? '');
  const [period, setPeriod] = useState<Period>(component?.limit_period ?? '');
  const { busy, error, run } = useSubmit();
  const ready = type.trim() !== '' && name.trim() !== '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const body = {
      type: type.trim(),
      name: name.trim(),
      billing_type: billing,
      measured_unit: unit.trim(),
      description,
      min_value: numberOrNull(min),
      max_value: numberOrNull(max),
      limit_period: billing === 'limit' && period !== '' ? period : null,
    };
    const path = { params: { path: { uuid: offeringUuid } } };
    await run(async () => {
      if (component) {
        await unwrap(
          api.POST('/api/marketplace-provider-offerings/{uuid}/update_offering_component/', {
            ...path,
            body: { ...body, uuid: component.uuid },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/marketplace-provider-offerings/{uuid}/create_offering_component/', {
            ...path,
            body,
          }),
        );
      }
      notify(component ? 'Component has been updated.' : 'Component has been added.');
      onDone();
    });
  };

  return (
    <Dialog
      title={component ? `Edit component ${component.name}` : 'Add component'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={ids.form} className="btn btn-primary" disabled={busy || !ready}>
            {busy ? 'Saving…' : component ? 'Save' : 'Add component'}
          </button>
        </>
      }
    >
      <form id={ids.form} onSubmit={submit} className="catalogue-form">
        <div className="field">
          <label htmlFor={ids.type}>Type (identifier)</label>
          <input
            id={ids.type}
            className="mono"
            value={type}
            required
            maxLength={100}
            pattern="[A-Za-z0-9_\-]+"
            onChange={(e) => setType(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input
            id={ids.name}
            value={name}
            required
            maxLength={150}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.billing}>Billing</label>
          <select
            id={ids.billing}
            value={billing}
            onChange={(e) => setBilling(e.target.value as BillingType)}
          >
            {BILLING_TYPES.map((b) => (
              <option key={b.value} value={b.value}>
                {b.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.unit}>Measured unit</label>
          <input id={ids.unit} value={unit} maxLength={30} onChange={(e) => setUnit(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={more.min}>Minimum</label>
          <input
            id={more.min}
            type="number"
            step="any"
            value={min}
            onChange={(e) => setMin(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={more.max}>Maximum</label>
          <input
            id={more.max}
            type="number"
            step="any"
            value={max}
            onChange={(e) => setMax(e.target.value)}
          />
        </div>
        {billing === 'limit' && (
          <div className="field">
            <label htmlFor={more.period}>Limit period</label>
            <select id={more.period} value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
              {PERIODS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field field-wide">
          <label htmlFor={more.description}>Description</label>
          <textarea
            id={more.description}
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <InlineError error={error} />
      </form>
    </Dialog>
  );
}
