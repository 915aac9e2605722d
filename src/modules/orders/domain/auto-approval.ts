/**
 * The project auto-approval rule's eligibility (orders spec §5.5, `evaluate_auto_approval`), as a
 * pure function over facts the use case reads first. The first failing condition names the reason.
 */
import { parseDecimal } from '../../offerings/domain/decimal.js';
import type { OrderState } from './order-state.js';
import type { OrderType } from './order-type.js';

/** What §5.5 reads about the order, its offering and the project's rule. */
export interface AutoApprovalFacts {
  readonly state: OrderState;
  readonly type: OrderType;
  readonly hasPlan: boolean;
  /** The project's rule, or null when it has none. */
  readonly rule: { readonly enabled: boolean; readonly monthlyCostLimit: string } | null;
  readonly offeringHasUsageComponents: boolean;
  /** `require_purchase_order_upload` and no attachment. */
  readonly purchaseOrderMissing: boolean;
  /** `plan.get_estimate(limits)` as a decimal string; null when there is no plan. */
  readonly estimatedMonthlyCost: string | null;
}

/** Why a rule did not apply (also shown in the audit event). */
export type AutoApprovalRefusal =
  | 'not_pending_consumer'
  | 'no_plan'
  | 'no_rule'
  | 'rule_disabled'
  | 'usage_components'
  | 'purchase_order_required'
  | 'over_limit';

/** The verdict, with the cost that was compared when it passes. */
export type AutoApprovalVerdict =
  | { readonly eligible: true; readonly estimatedMonthlyCost: string }
  | { readonly eligible: false; readonly reason: AutoApprovalRefusal };

/**
 * §5.5: pending-consumer; a plan unless TERMINATE; an enabled rule; no usage-billed component (its
 * cost is unknown in advance); the purchase order present (TERMINATE exempt); and the estimated
 * monthly cost (TERMINATE = 0) at most the limit, inclusive.
 */
export function evaluateAutoApproval(f: AutoApprovalFacts): AutoApprovalVerdict {
  const terminate = f.type === 'Terminate';
  if (f.state !== 'pending-consumer') return { eligible: false, reason: 'not_pending_consumer' };
  if (!terminate && !f.hasPlan) return { eligible: false, reason: 'no_plan' };
  if (f.rule === null) return { eligible: false, reason: 'no_rule' };
  if (!f.rule.enabled) return { eligible: false, reason: 'rule_disabled' };
  if (f.offeringHasUsageComponents) return { eligible: false, reason: 'usage_components' };
  if (!terminate && f.purchaseOrderMissing) return { eligible: false, reason: 'purchase_order_required' };
  const cost = terminate ? '0' : (f.estimatedMonthlyCost ?? '0');
  if (parseDecimal(cost) > parseDecimal(f.rule.monthlyCostLimit))
    return { eligible: false, reason: 'over_limit' };
  return { eligible: true, estimatedMonthlyCost: cost };
}
