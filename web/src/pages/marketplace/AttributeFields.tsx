import { useId } from 'react';

/** One attribute an offering declares for its orders (Waldur's OptionField in `offering.options`). */
export interface DeclaredAttribute {
  key: string;
  type: string;
  label: string;
  required: boolean;
  help: string;
  choices: string[];
  min: number | undefined;
  max: number | undefined;
  default: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * The attributes `offering.options` declares, in its `order` (then any not listed there). `name`
 * and `description` have their own fields in the form, so they are left out here.
 */
export function declaredAttributes(options: Record<string, unknown>): DeclaredAttribute[] {
  const declared = isRecord(options.options) ? options.options : {};
  const order = Array.isArray(options.order) ? options.order.map(String) : [];
  const keys = [
    ...order.filter((k) => k in declared),
    ...Object.keys(declared).filter((k) => !order.includes(k)),
  ];
  return keys
    .filter((k) => k !== 'name' && k !== 'description')
    .map((key) => {
      const o = isRecord(declared[key]) ? declared[key] : {};
      return {
        key,
        type: typeof o.type === 'string' ? o.type : 'string',
        label: typeof o.label === 'string' && o.label ? o.label : key,
        required: o.required === true,
        help: typeof o.help_text === 'string' ? o.help_text : '',
        choices: Array.isArray(o.choices) ? o.choices.map(String) : [],
        min: num(o.min),
        max: num(o.max),
        default: o.default,
      };
    });
}

/** The starting values: each attribute's declared default, or empty. */
export function initialAttributes(attrs: DeclaredAttribute[]): Record<string, unknown> {
  return Object.fromEntries(
    attrs.map((a) => [
      a.key,
      a.default ?? (a.type === 'boolean' ? false : a.type === 'select_string_multi' ? [] : ''),
    ]),
  );
}

/** The values as the API takes them: numbers for numeric types, blanks left out. */
export function attributeValues(
  attrs: DeclaredAttribute[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of attrs) {
    const v = values[a.key];
    if (v === '' || v === undefined || v === null) continue;
    if ((a.type === 'integer' || a.type === 'money') && typeof v === 'string') out[a.key] = Number(v);
    else out[a.key] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

function Input({
  a,
  id,
  value,
  onChange,
  describedBy,
}: {
  a: DeclaredAttribute;
  id: string;
  value: unknown;
  onChange(v: unknown): void;
  describedBy: string;
}) {
  const common = { id, 'aria-describedby': describedBy, required: a.required };
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (a.type) {
    case 'text':
    case 'html_text':
      return <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'integer':
    case 'money':
      return (
        <input
          {...common}
          type="number"
          step={a.type === 'integer' ? 1 : 'any'}
          min={a.min}
          max={a.max}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'boolean':
      return (
        <input
          id={id}
          aria-describedby={describedBy}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'date':
      return <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'select_string':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {a.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    case 'select_string_multi':
      return (
        <select
          {...common}
          multiple
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
        >
          {a.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    default:
      return <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} />;
  }
}

/**
 * One field per attribute the offering declares, by its type, marked required or optional, with
 * the offering's help text and the problem found with it (in the browser or by the server).
 */
export function AttributeFields({
  attrs,
  values,
  errors,
  onChange,
}: {
  attrs: DeclaredAttribute[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange(key: string, value: unknown): void;
}) {
  const base = useId();
  if (attrs.length === 0) return null;
  return (
    <fieldset className="stack">
      <legend>Details the provider needs</legend>
      {attrs.map((a) => {
        const id = `${base}-${a.key}`;
        const error = errors[a.key];
        return (
          <div className="field" key={a.key}>
            <label htmlFor={id}>
              {a.label} ({a.required ? 'required' : 'optional'})
            </label>
            <Input
              a={a}
              id={id}
              value={values[a.key]}
              onChange={(v) => onChange(a.key, v)}
              describedBy={`${id}-hint`}
            />
            <div id={`${id}-hint`}>
              {a.help && <p className="hint">{a.help}</p>}
              {error && (
                <p className="inline-error" role="alert">
                  {error}
                </p>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
