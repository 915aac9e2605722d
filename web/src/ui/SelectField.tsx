import { useId } from 'react';

/** One option of a select. */
export interface Option {
  value: string;
  label: string;
}

/** A labelled select; the empty value means "any". */
export function SelectField({
  label,
  value,
  options,
  onChange,
  anyLabel = 'Any',
  disabled,
}: {
  label: string;
  value: string;
  options: Option[];
  onChange(value: string): void;
  anyLabel?: string | null;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {anyLabel !== null && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
