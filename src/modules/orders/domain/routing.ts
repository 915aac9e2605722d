/**
 * Who must approve an order and where it goes next (orders spec §5.1–§5.4, §5.6), as pure functions
 * over facts the use case resolves first. Routing is ordered data: the first matching rule decides.
 */
import type { ProviderApproval } from '../../offerings/domain/capabilities.js';
import type { OrderState } from './order-state.js';

/** What §5.2 reads about the creator, the order and the offering. */
export interface ConsumerReviewFacts {
  /** `plugin_options.require_purchase_order_upload` and no attachment (TERMINATE exempt). */
  readonly purchaseOrderMissing: boolean;
  readonly creatorIsStaff: boolean;
  /** The offering is private (not shared). */
  readonly offeringPrivate: boolean;
  /** Creator holds ORDER.APPROVE_PRIVATE on the project or its organization. */
  readonly creatorHasApprovePrivate: boolean;
  /** Offering shared, provider organization == project organization, `auto_approve_in_service_provider_projects` and not `disable_autoapprove`. */
  readonly serviceProviderProjectAutoApprove: boolean;
  /** A TERMINATE order created by an owner of the offering's organization. */
  readonly terminateByOfferingOwner: boolean;
  /** The creator holds one of `plugin_options.auto_approve_for_roles` on the project or its organization. */
  readonly creatorHasAutoApproveRole: boolean;
  /** Creator holds ORDER.APPROVE on the project or its organization. */
  readonly creatorHasApprove: boolean;
}

/** §5.2: whether consumer review can be skipped for the creator (first matching rule decides). */
export function consumerReviewSkipped(f: ConsumerReviewFacts): boolean {
  if (f.purchaseOrderMissing) return false;
  if (f.creatorIsStaff) return true;
  if (f.offeringPrivate) return f.creatorHasApprovePrivate;
  if (f.serviceProviderProjectAutoApprove) return true;
  if (f.terminateByOfferingOwner) return true;
  if (f.creatorHasAutoApproveRole) return true;
  return f.creatorHasApprove;
}

/** What §5.3 reads: the type's rule and, for the conditional rules, the options and the user. */
export interface ProviderReviewFacts {
  readonly rule: ProviderApproval;
  /** `plugin_options.auto_approve_remote_orders`. */
  readonly autoApproveRemoteOrders: boolean;
  /** `plugin_options.auto_approve_marketplace_script` (Waldur's default is true). */
  readonly autoApproveScript: boolean;
  /** The reviewing user (consumer reviewer, else creator) owns the offering's organization. */
  readonly userOwnsOfferingCustomer: boolean;
  /** The user is a service manager of the offering's organization and a user of the offering. */
  readonly userIsServiceManagerOfOffering: boolean;
}

/** §5.3: whether the provider must review. */
export function providerReviewNeeded(f: ProviderReviewFacts): boolean {
  switch (f.rule) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'remote_rule':
      return !(f.autoApproveRemoteOrders || f.userOwnsOfferingCustomer || f.userIsServiceManagerOfOffering);
    case 'script_rule':
      return !f.autoApproveScript;
  }
}

/** Dates §5.4 compares, as `YYYY-MM-DD` strings (lexical order is date order). */
export interface DateFacts {
  readonly today: string;
  readonly projectStartDate: string | null;
  readonly orderStartDate: string | null;
}

/**
 * §5.4 (after consumer approval or auto-approval) and §5.6 (when the project starts): project not
 * started → pending-project; provider review → pending-provider; future start date → pending-start-date;
 * else executing. `checkProjectStart` is false once the project has started (§5.6 continues from there).
 */
export function nextStateAfterConsumer(
  providerReview: boolean,
  d: DateFacts,
  checkProjectStart = true,
): OrderState {
  if (checkProjectStart && d.projectStartDate !== null && d.projectStartDate > d.today)
    return 'pending-project';
  if (providerReview) return 'pending-provider';
  if (d.orderStartDate !== null && d.orderStartDate > d.today) return 'pending-start-date';
  return 'executing';
}

/**
 * §5.1 at creation: consumer review needed → stays pending-consumer; else the project start gate,
 * then provider review; the create-time handler ignores the order's own start date (§3.3, quirk 12).
 */
export function stateAtCreation(consumerSkipped: boolean, providerReview: boolean, d: DateFacts): OrderState {
  if (!consumerSkipped) return 'pending-consumer';
  if (d.projectStartDate !== null && d.projectStartDate > d.today) return 'pending-project';
  return providerReview ? 'pending-provider' : 'executing';
}

/** §5.6 / after provider approval: a future order start date waits, else execution starts. */
export function nextStateAfterProvider(d: DateFacts): OrderState {
  return d.orderStartDate !== null && d.orderStartDate > d.today ? 'pending-start-date' : 'executing';
}

/** The `detail` text of `approve_by_consumer` for each outcome (§7.5). */
export const CONSUMER_APPROVAL_DETAIL: Partial<Record<OrderState, string>> = {
  'pending-project': 'Order is pending project activation.',
  'pending-provider': 'Order is pending provider approval.',
  'pending-start-date': 'Order is pending start date.',
  executing: 'Order has been approved and is being processed.',
};
