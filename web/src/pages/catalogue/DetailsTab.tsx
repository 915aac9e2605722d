import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { InlineError } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';
import type { Offering } from './catalogueTypes.js';
import { LocationForm } from './LocationForm.js';
import { ThumbnailForm } from './ThumbnailForm.js';

/** The overview fields `update_overview` takes, with their labels; the first two are short. */
const FIELDS = [
  ['name', 'Name'],
  ['description', 'Short description'],
  ['full_description', 'Full description'],
  ['documentation_url', 'Documentation URL'],
  ['helpdesk_url', 'Helpdesk URL'],
  ['access_url', 'Access URL'],
  ['privacy_policy_link', 'Privacy policy link'],
] as const;

type Field = (typeof FIELDS)[number][0];

/** Details: name and texts (`update_overview`), location, thumbnail; read-only without the right. */
export function DetailsTab({
  offering,
  canEdit,
  onSaved,
}: {
  offering: Offering;
  canEdit: boolean;
  onSaved(): void;
}) {
  const notify = useNotify();
  const formId = useId();
  const [values, setValues] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map(([k]) => [k, offering[k] ?? ''])) as Record<Field, string>,
  );
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await unwrap(
        api.POST('/api/marketplace-provider-offerings/{uuid}/update_overview/', {
          params: { path: { uuid: offering.uuid } },
          body: { ...values, name: values.name.trim() },
        }),
      );
      notify('Offering details have been saved.');
      onSaved();
    });
  };

  return (
    <div className="stack">
      <section className="card" aria-labelledby={`${formId}-title`}>
        <h2 id={`${formId}-title`}>Overview</h2>
        {!canEdit && <p className="muted small">You may view these details but not change them.</p>}
        <form id={formId} onSubmit={submit} className="catalogue-form">
          {FIELDS.map(([key, label]) => (
            <TextField
              key={key}
              label={label}
              value={values[key]}
              long={key === 'description' || key === 'full_description'}
              disabled={!canEdit}
              required={key === 'name'}
              onChange={(v) => setValues((s) => ({ ...s, [key]: v }))}
            />
          ))}
          <InlineError error={error} />
          {canEdit && (
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !values.name.trim()}>
                {busy ? 'Saving…' : 'Save details'}
              </button>
            </div>
          )}
        </form>
      </section>
      <LocationForm offering={offering} canEdit={canEdit} onSaved={onSaved} />
      <ThumbnailForm offering={offering} canEdit={canEdit} />
    </div>
  );
}

/** A labelled input, or a textarea for the long texts. */
function TextField(props: {
  label: string;
  value: string;
  long: boolean;
  disabled: boolean;
  required: boolean;
  onChange(v: string): void;
}) {
  const id = useId();
  const common = {
    id,
    value: props.value,
    disabled: props.disabled,
    required: props.required,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
  };
  return (
    <div className={props.long ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.long ? <textarea rows={3} {...common} /> : <input {...common} />}
    </div>
  );
}
