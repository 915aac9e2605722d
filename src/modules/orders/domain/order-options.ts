import type { FieldError } from '../../../platform/errors.js';

/** One declared option of an offering (`offering.options.options[key]`, Waldur's OptionField). */
interface OptionField {
  type?: unknown;
  label?: unknown;
  required?: unknown;
  choices?: unknown;
  min?: unknown;
  max?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one value against its option type; returns the problem, if any. */
function checkValue(o: OptionField, v: unknown): string | undefined {
  const choices = Array.isArray(o.choices) ? o.choices.map(String) : undefined;
  switch (o.type) {
    case 'integer':
    case 'money': {
      const n = typeof v === 'number' ? v : Number.NaN;
      if (!Number.isFinite(n) || (o.type === 'integer' && !Number.isInteger(n)))
        return `must be ${o.type === 'integer' ? 'an integer' : 'a number'}.`;
      if (typeof o.min === 'number' && n < o.min) return `must be at least ${o.min}.`;
      if (typeof o.max === 'number' && n > o.max) return `must be at most ${o.max}.`;
      return undefined;
    }
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'must be true or false.';
    case 'select_string':
      if (typeof v !== 'string') return 'must be a string.';
      return choices && !choices.includes(v) ? `"${v}" is not a valid choice.` : undefined;
    case 'select_string_multi':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return 'must be a list of strings.';
      return choices && v.some((x) => !choices.includes(String(x)))
        ? 'contains an invalid choice.'
        : undefined;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? undefined
        : 'must be a date (YYYY-MM-DD).';
    default:
      // string, text, html_text and plugin-specific types: any string.
      return typeof v === 'string' ? undefined : 'must be a string.';
  }
}

/**
 * Validates order attributes against the offering's declared options (Waldur's "attributes
 * validated by offering options", orders spec §7.1): required options present, values of the
 * declared type and choices. Undeclared attributes (name, end_date, plugin keys) pass through.
 */
export function validateAttributes(
  offeringOptions: Record<string, unknown>,
  attributes: Record<string, unknown>,
): FieldError[] {
  const declared = isRecord(offeringOptions.options) ? offeringOptions.options : {};
  const errors: FieldError[] = [];
  for (const [key, raw] of Object.entries(declared)) {
    const option: OptionField = isRecord(raw) ? raw : {};
    const pointer = `/body/attributes/${key}`;
    const value = attributes[key];
    if (value === undefined || value === null || value === '') {
      if (option.required === true)
        errors.push({ pointer, detail: `${String(option.label ?? key)} is required.` });
      continue;
    }
    const problem = checkValue(option, value);
    if (problem) errors.push({ pointer, detail: `${String(option.label ?? key)} ${problem}` });
  }
  return errors;
}
