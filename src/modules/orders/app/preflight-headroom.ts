import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import {
  estimateCost,
  findPlanOfOffering,
  offeringComponents,
  offeringHasUsageComponents,
} from '../../offerings/app/catalogue.js';
import { formatDecimal, parseDecimal } from '../../offerings/domain/decimal.js';
import {
  findOfferingForOrder,
  findProjectForOrder,
  liveResourcesOnPlan,
} from '../adapters/pg/order-targets.js';
import { evaluateAutoApproval } from '../domain/auto-approval.js';
import { ORDER_STATE_CODES } from '../domain/order-state.js';
import type { CreateOrderInput } from './create-order.js';

/** A count limit: how many exist and how many more fit. */
export interface CountRoom {
  max: number;
  used: number;
  remaining: number;
}

/** One limit-based component: the requested amount against its bounds. */
export interface ComponentRoom {
  type: string;
  name: string;
  requested: number | null;
  min_value: number | null;
  max_value: number | null;
  limit_amount: number | null;
  max_available_limit: number | null;
}

/** The project's auto-approval rule against this order's estimated monthly cost (§5.5). */
export interface AutoApprovalRoom {
  rule_uuid: string;
  enabled: boolean;
  monthly_cost_limit: string;
  /** Limit minus estimate (negative when over), null when the order has no estimate. */
  remaining: string | null;
  /** The rule's own conditions hold (it applies only when consumer review is needed at all). */
  eligible: boolean;
  reason: string | null;
}

/** Every limit that applies to ordering this offering in this project. */
export interface Headroom {
  projectId: number;
  cost: string | null;
  plan: {
    uuid: string;
    name: string;
    max_amount: number | null;
    used: number;
    remaining: number | null;
  } | null;
  /** `plugin_options.maximal_resource_count_per_project` of the offering. */
  project_resources: CountRoom | null;
  components: ComponentRoom[];
  auto_approval: AutoApprovalRoom | null;
}

/**
 * Reads the headroom of an order body: plan `max_amount`, the offering's per-project resource cap,
 * component bounds and the project's auto-approval limit. Only for a project the actor sees and an
 * offering they may order (else null: the verdict already says why).
 */
export async function orderHeadroom(tx: Tx, actor: Actor, input: CreateOrderInput): Promise<Headroom | null> {
  const project = await findProjectForOrder(tx, actor, input.projectUuid);
  const offering = await findOfferingForOrder(tx, input.offeringUuid);
  if (!project || !offering) return null;
  if (!offering.shared && !actor.isStaff && offering.customer_id !== project.customer_id) return null;
  const plan = input.planUuid ? await findPlanOfOffering(tx, offering.id, input.planUuid) : undefined;
  const components = await offeringComponents(tx, offering.id);
  const cost = plan ? estimateCost(plan, components, input.limits) : null;
  const used = plan ? await liveResourcesOnPlan(tx, plan.id) : 0;
  const cap = offering.plugin_options.maximal_resource_count_per_project;
  return {
    projectId: project.id,
    cost,
    plan: plan
      ? {
          uuid: plan.uuid,
          name: plan.name,
          max_amount: plan.max_amount,
          used,
          remaining: plan.max_amount ? Math.max(plan.max_amount - used, 0) : null,
        }
      : null,
    project_resources:
      typeof cap === 'number' ? countRoom(cap, await liveInProject(tx, project.id, offering.id)) : null,
    components: components
      .filter((c) => c.billing_type === 'limit' || (c.billing_type === 'one' && c.is_prepaid))
      .map((c) => ({
        type: c.type,
        name: c.name,
        requested: input.limits[c.type] ?? null,
        min_value: c.min_value,
        max_value: c.max_value,
        limit_amount: c.limit_amount,
        max_available_limit: c.max_available_limit,
      })),
    auto_approval: await autoApprovalRoom(tx, project.id, offering.id, offering.plugin_options, !!plan, cost),
  };
}

function countRoom(max: number, used: number): CountRoom {
  return { max, used, remaining: Math.max(max - used, 0) };
}

async function liveInProject(tx: Tx, projectId: number, offeringId: number): Promise<number> {
  const r = await tx
    .selectFrom('resources')
    .select(sql<string>`count(*)`.as('n'))
    .where('project_id', '=', projectId)
    .where('offering_id', '=', offeringId)
    .where('state', '!=', ORDER_STATE_CODES.rejected)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function autoApprovalRoom(
  tx: Tx,
  projectId: number,
  offeringId: number,
  pluginOptions: Record<string, unknown>,
  hasPlan: boolean,
  cost: string | null,
): Promise<AutoApprovalRoom | null> {
  const rule = await tx
    .selectFrom('project_order_auto_approvals')
    .select(['uuid', 'enabled', 'monthly_cost_limit'])
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  if (!rule) return null;
  const verdict = evaluateAutoApproval({
    state: 'pending-consumer',
    type: 'Create',
    hasPlan,
    rule: { enabled: rule.enabled, monthlyCostLimit: rule.monthly_cost_limit },
    offeringHasUsageComponents: await offeringHasUsageComponents(tx, offeringId),
    purchaseOrderMissing: pluginOptions.require_purchase_order_upload === true,
    estimatedMonthlyCost: cost,
  });
  return {
    rule_uuid: rule.uuid,
    enabled: rule.enabled,
    monthly_cost_limit: rule.monthly_cost_limit,
    remaining:
      cost === null ? null : formatDecimal(parseDecimal(rule.monthly_cost_limit) - parseDecimal(cost)),
    eligible: verdict.eligible,
    reason: verdict.eligible ? null : verdict.reason,
  };
}
