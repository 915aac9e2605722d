import type { Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { ProjectOrderAutoApprovalsTable } from '../../../platform/db/schema.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { can, consumerCustomer } from '../../identity/app/access.js';
import { actorOfUser } from '../../identity/app/system-actors.js';
import { Permission } from '../../identity/domain/permissions.js';
import { notifyApprovers } from '../../notifications/app/notify-order.js';
import {
  estimateCost,
  findPlanOfOffering,
  offeringComponents,
  offeringHasUsageComponents,
} from '../../offerings/app/catalogue.js';
import { type AutoApprovalFacts, evaluateAutoApproval } from '../domain/auto-approval.js';
import { nextStateAfterConsumer } from '../domain/routing.js';
import { moveOrder } from './lifecycle.js';
import type { LockedOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';
import { startProcessing } from './processing-port.js';
import { dateFacts, needsProviderReview } from './routing.js';

/** Audit events of the rule (Orderly's own; Waldur only logs them). */
export const AUTO_APPROVAL_EVENTS = {
  applied: 'marketplace_order_auto_approved',
  skipped: 'marketplace_order_auto_approval_skipped',
} as const;

type Rule = Selectable<ProjectOrderAutoApprovalsTable>;

/**
 * A new order that needs consumer review (§5.1 step 2): the project's auto-approval rule is tried
 * first (§5.5); if the order still waits, the consumer approvers are notified.
 */
export async function awaitConsumerReview(tx: Tx, o: LockedOrder): Promise<LockedOrder> {
  const after = await tryProjectAutoApproval(tx, o);
  if (after.state === 'pending-consumer') await notifyApprovers(tx, after.row.id, 'pending-consumer');
  return after;
}

/** §5.5's facts for the locked order and the rule. */
async function facts(tx: Tx, o: LockedOrder, rule: Rule): Promise<AutoApprovalFacts> {
  const offering = await tx
    .selectFrom('offerings')
    .select('plugin_options')
    .where('id', '=', o.row.offering_id)
    .executeTakeFirstOrThrow();
  let cost: string | null = null;
  if (o.row.plan_id !== null && o.type !== 'Terminate') {
    const p = await tx
      .selectFrom('plans')
      .select('uuid')
      .where('id', '=', o.row.plan_id)
      .executeTakeFirstOrThrow();
    const plan = await findPlanOfOffering(tx, o.row.offering_id, p.uuid);
    const limits = Object.fromEntries(
      Object.entries(o.row.limits).filter((e): e is [string, number | string] =>
        ['number', 'string'].includes(typeof e[1]),
      ),
    );
    cost = plan ? estimateCost(plan, await offeringComponents(tx, o.row.offering_id), limits) : null;
  }
  return {
    state: o.state,
    type: o.type,
    hasPlan: o.row.plan_id !== null,
    rule: { enabled: rule.enabled, monthlyCostLimit: rule.monthly_cost_limit },
    offeringHasUsageComponents: await offeringHasUsageComponents(tx, o.row.offering_id),
    // The rule runs at creation, before any purchase order can be uploaded (§5.2 rule 1).
    purchaseOrderMissing: offering.plugin_options.require_purchase_order_upload === true,
    estimatedMonthlyCost: cost,
  };
}

/**
 * `try_apply_project_auto_approval` (§5.5) on an order already locked by the caller: the rule is
 * locked FOR SHARE (a concurrent edit waits), the conditions re-checked, and the rule's creator must
 * still be active and hold ORDER.APPROVE on the project or its organization (staff pass), otherwise
 * nothing happens but a warning event. On success the rule and its limit are stamped on the order,
 * the creator becomes the consumer reviewer and §5.4 routes the order.
 */
export async function tryProjectAutoApproval(tx: Tx, o: LockedOrder): Promise<LockedOrder> {
  if (o.state !== 'pending-consumer') return o;
  const rule = await tx
    .selectFrom('project_order_auto_approvals')
    .selectAll()
    .where('project_id', '=', o.row.project_id)
    .forShare()
    .executeTakeFirst();
  if (!rule) return o;
  const verdict = evaluateAutoApproval(await facts(tx, o, rule));
  if (!verdict.eligible) return o;
  const creator = rule.created_by === null ? undefined : await actorOfUser(tx, rule.created_by);
  const scopes = [{ type: 'project' as const, id: o.row.project_id }, consumerCustomer(o.customerId)];
  if (!creator || !(await can(tx, creator, Permission.ORDER_APPROVE, scopes))) {
    await recordEvent(tx, {
      type: AUTO_APPROVAL_EVENTS.skipped,
      level: 'warning',
      message: `Project auto-approval rule not applied to the order for ${o.resource.name}: creator lost APPROVE_ORDER.`,
      context: { order_uuid: o.row.uuid, rule_uuid: rule.uuid },
      scopes: orderScopes(o),
    });
    return o;
  }
  const to = nextStateAfterConsumer(await needsProviderReview(tx, o, creator.id), dateFacts(o));
  const reason = `Estimated monthly cost ${verdict.estimatedMonthlyCost} is within the project limit ${rule.monthly_cost_limit}.`;
  let moved = await moveOrder(tx, o, {
    to,
    action: 'auto_approve',
    event: 'approved',
    actor: creator,
    trigger: 'auto_approval',
    reason,
    set: {
      consumer_reviewed_by: creator.id,
      consumer_reviewed_at: new Date(),
      auto_approved_by_rule_id: rule.id,
      auto_approved_cost_limit_snapshot: rule.monthly_cost_limit,
    },
  });
  await recordEvent(tx, {
    type: AUTO_APPROVAL_EVENTS.applied,
    message: `Order for ${o.resource.name} has been approved by the project auto-approval rule.`,
    actorId: creator.id,
    reason,
    context: { order_uuid: o.row.uuid, rule_uuid: rule.uuid, to_state: to },
    scopes: orderScopes(o),
  });
  if (to === 'executing') moved = await startProcessing(tx, moved, creator);
  return moved;
}
