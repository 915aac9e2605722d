import type { FieldError } from '../../../platform/errors.js';

/** A component as limit validation sees it. */
export interface LimitComponent {
  type: string;
  billing_type: string;
  is_prepaid: boolean;
  min_value: number | null;
  max_value: number | null;
  limit_amount: number | null;
}

/**
 * Waldur's `validate_limits` (orders spec §7.1): only LIMIT components (and prepaid one-time ones)
 * take limits; values respect the component's min, max and per-period `limit_amount`.
 */
export function validateLimits(
  components: readonly LimitComponent[],
  limits: Record<string, number>,
): FieldError[] {
  const errors: FieldError[] = [];
  const byType = new Map(components.map((c) => [c.type, c]));
  for (const [type, value] of Object.entries(limits)) {
    const pointer = `/body/limits/${type}`;
    const c = byType.get(type);
    if (!c) {
      errors.push({ pointer, detail: `${type} is not a component of this offering.` });
      continue;
    }
    if (c.billing_type !== 'limit' && !(c.billing_type === 'one' && c.is_prepaid)) {
      errors.push({ pointer, detail: `${type} is not a limit-based component.` });
      continue;
    }
    if (c.min_value !== null && value < c.min_value) {
      errors.push({ pointer, detail: `The limit ${value} of ${type} is below the minimum ${c.min_value}.` });
    }
    if (c.max_value !== null && value > c.max_value) {
      errors.push({ pointer, detail: `The limit ${value} of ${type} is above the maximum ${c.max_value}.` });
    }
    if (c.limit_amount !== null && value > c.limit_amount) {
      errors.push({
        pointer,
        detail: `The limit ${value} of ${type} exceeds the allowed amount ${c.limit_amount}.`,
      });
    }
  }
  return errors;
}
