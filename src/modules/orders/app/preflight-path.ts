import type { Tx } from '../../../platform/db/database.js';
import { consumerCustomer, type Scope } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { usersHolding } from '../../notifications/api.js';
import type { OrderState } from '../domain/order-state.js';
import type { Headroom } from './preflight-headroom.js';

/** The facts of the created order the approval path is read from, taken before the rollback. */
export interface Landed {
  state: OrderState;
  projectId: number;
  customerId: number;
  providerCustomerId: number;
  offeringId: number;
  /** Whether the provider must review (§5.3), for the creator when the consumer has not reviewed yet. */
  providerReview: boolean;
  autoApprovedByRuleId: number | null;
  projectStartDate: string | null;
  orderStartDate: string | null;
  today: string;
}

/** Someone who can give a review. */
export interface Approver {
  uuid: string;
  username: string;
  full_name: string;
}

/** One stage between create and processing, as the order would meet it. */
export interface ApprovalStep {
  step: 'consumer_review' | 'project_start' | 'provider_review' | 'start_date' | 'processing';
  outcome: 'waits' | 'skipped' | 'auto_approved' | 'done' | 'fails';
  detail: string;
  approvers: Approver[];
}

/**
 * The approval path of an order that create would accept (orders spec §5.1–§5.6): consumer review
 * (waiting, skipped for the creator, or approved by the project's auto-approval rule), the project's
 * start, provider review, the order's start date, then processing; reviews name their approvers
 * (the people the approval e-mail goes to).
 */
export async function approvalPath(tx: Tx, l: Landed, h: Headroom): Promise<ApprovalStep[]> {
  const steps: ApprovalStep[] = [await consumerStep(tx, l, h)];
  if (l.projectStartDate !== null && l.projectStartDate > l.today)
    steps.push(wait('project_start', `Waits until the project starts on ${l.projectStartDate}.`));
  steps.push(
    l.providerReview
      ? {
          ...wait('provider_review', 'The provider must approve the order.'),
          approvers: await approvers(tx, [
            { type: 'offering', id: l.offeringId },
            { type: 'customer', id: l.providerCustomerId },
          ]),
        }
      : skip('provider_review', 'Provider review is not required for this offering.'),
  );
  if (l.orderStartDate !== null && l.orderStartDate > l.today)
    steps.push(wait('start_date', `Waits until the order's start date ${l.orderStartDate}.`));
  steps.push(processingStep(l));
  return steps;
}

async function consumerStep(tx: Tx, l: Landed, h: Headroom): Promise<ApprovalStep> {
  if (l.autoApprovedByRuleId !== null)
    return {
      step: 'consumer_review',
      outcome: 'auto_approved',
      detail: `Approved by the project's auto-approval rule (monthly cost limit ${h.auto_approval?.monthly_cost_limit ?? '?'}).`,
      approvers: [],
    };
  if (l.state !== 'pending-consumer')
    return skip('consumer_review', 'Consumer review is not required: you may approve this order yourself.');
  const rule = h.auto_approval;
  const why =
    rule && !rule.eligible ? ` The project's auto-approval rule does not apply (${rule.reason}).` : '';
  return {
    ...wait(
      'consumer_review',
      `An approver of the project or its organization must approve the order.${why}`,
    ),
    approvers: await approvers(tx, [{ type: 'project', id: l.projectId }, consumerCustomer(l.customerId)]),
  };
}

function processingStep(l: Landed): ApprovalStep {
  if (l.state === 'done')
    return { step: 'processing', outcome: 'done', detail: 'The order completes at once.', approvers: [] };
  if (l.state === 'erred')
    return { step: 'processing', outcome: 'fails', detail: 'Processing would fail at once.', approvers: [] };
  return wait('processing', 'The offering’s processor then provisions the resource.');
}

const wait = (step: ApprovalStep['step'], detail: string): ApprovalStep => ({
  step,
  outcome: 'waits',
  detail,
  approvers: [],
});
const skip = (step: ApprovalStep['step'], detail: string): ApprovalStep => ({
  step,
  outcome: 'skipped',
  detail,
  approvers: [],
});

/** Users holding ORDER.APPROVE on the scopes (staff are not listed: they are nobody's approvers). */
async function approvers(tx: Tx, scopes: Scope[]): Promise<Approver[]> {
  const ids = (await usersHolding(tx, Permission.ORDER_APPROVE, scopes)).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('users')
    .select(['uuid', 'username', 'first_name', 'last_name'])
    .where('id', 'in', ids)
    .orderBy('username')
    .execute();
  return rows.map((u) => ({
    uuid: u.uuid,
    username: u.username,
    full_name: `${u.first_name} ${u.last_name}`.trim(),
  }));
}
