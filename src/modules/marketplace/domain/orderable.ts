import type { OfferingState } from '../../offerings/domain/offering-type.js';

/** The order types, as the orders module names them (`Create` makes the resource). */
export type OrderKind = 'Create' | 'Update' | 'Terminate' | 'Restore';

/** What decides whether an order of a kind may be placed now (orders spec §7.1 `validate_order`, §8). */
export interface OrderingFacts {
  orderType: OrderKind;
  offeringState: OfferingState;
  /** The project's end date has passed. */
  projectExpired: boolean;
}

/** Why an order cannot be placed; each caller maps it to its error (field, fixed 400, ability). */
export type NotOrderable = 'offering_unavailable' | 'project_expired' | 'offering_not_orderable';

/**
 * The one "can this be ordered" rule shared by order creation, resource orders, the resources'
 * abilities and preflight: a new resource needs an Active offering; an order on an existing
 * resource needs an offering that is not Unavailable, and, unless it terminates, a live project and
 * an Active or Paused offering. Undefined when the order may be placed.
 */
export function orderable(f: OrderingFacts): NotOrderable | undefined {
  if (f.orderType === 'Create') {
    if (f.projectExpired) return 'project_expired';
    return f.offeringState === 'Active' ? undefined : 'offering_not_orderable';
  }
  if (f.offeringState === 'Unavailable') return 'offering_unavailable';
  if (f.orderType === 'Terminate') return undefined;
  if (f.projectExpired) return 'project_expired';
  return f.offeringState === 'Active' || f.offeringState === 'Paused' ? undefined : 'offering_not_orderable';
}

/** Whether a `YYYY-MM-DD` end date is in the past (Waldur's "project is expired"). */
export function isExpired(endDate: string | null, today = new Date().toISOString().slice(0, 10)): boolean {
  return endDate !== null && endDate < today;
}
