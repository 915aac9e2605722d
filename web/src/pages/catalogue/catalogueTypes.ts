import type { components } from '../../../../openapi/client/schema.js';
import { ApiError } from '../../api/problem.js';

type Schemas = components['schemas'];

/** A role and the permissions it carries. */
export type Role = Schemas['RoleDetails'];
/** An offering as its provider sees it, with components and plans. */
export type Offering = Schemas['ProviderOfferingDetails'];
/** A component of an offering (what a plan prices). */
export type Component = Schemas['OfferingComponent'];
/** A plan as its provider manages it. */
export type Plan = Schemas['ProviderPlanDetails'];
/** A group of organizations that an offering or plan can be limited to. */
export type OrganizationGroup = Schemas['OrganizationGroup'];
/** How a component is billed. */
export type BillingType = Component['billing_type'];

/** Billing types in words, in the order a provider meets them. */
export const BILLING_TYPES: { value: BillingType; label: string }[] = [
  { value: 'fixed', label: 'Fixed (included in the plan)' },
  { value: 'limit', label: 'Limit (chosen when ordering)' },
  { value: 'usage', label: 'Usage (reported)' },
  { value: 'one', label: 'One-time' },
  { value: 'few', label: 'One-time on plan switch' },
];

/** "Limit (chosen when ordering)" → the short label for tables ("Limit"). */
export function billingLabel(t: string): string {
  const row = BILLING_TYPES.find((b) => b.value === t);
  return row ? (row.label.split(' (')[0] ?? t) : t;
}

/** Offering state → badge tone (the order badge colours). */
export const OFFERING_TONES: Record<string, string> = {
  Active: 'done',
  Draft: 'pending-consumer',
  Paused: 'pending-provider',
  Unavailable: 'erred',
  Archived: 'canceled',
};

/**
 * A refusal (409) as the server's own sentence: the generic "it may have changed" hint the app adds
 * to conflicts is wrong here, since the reason (a plan in use) does not go away by reloading.
 */
export function asRefusal(e: unknown): unknown {
  return e instanceof ApiError && e.status === 409 ? new Error(e.message) : e;
}

/** A number field's text as the API's value: empty → null. */
export function numberOrNull(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : Number(t);
}
