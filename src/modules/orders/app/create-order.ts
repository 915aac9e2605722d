import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { orderable } from '../../marketplace/domain/orderable.js';
import { closedToOrganization, estimateCost, planPricing } from '../../offerings/app/catalogue.js';
import { type OfferingType, offeringStateFromCode } from '../../offerings/domain/offering-type.js';
import { createResourceOfOrder } from '../../resources/app/order-writes.js';
import { insertOrder } from '../adapters/pg/order-repository.js';
import {
  componentsOf,
  findOfferingForOrder,
  findPlanOfOffering,
  findProjectForOrder,
  liveResourcesOnPlan,
} from '../adapters/pg/order-targets.js';
import { fixedValidationError, projectExpiredError } from '../domain/errors.js';
import { validateLimits } from '../domain/limits.js';
import { validateAttributes } from '../domain/order-options.js';
import { checkCreateRules } from './create-rules.js';
import { lockOrder } from './lock-order.js';
import { isExpired } from './order-facts.js';
import { validateNewOrder } from './processing-port.js';
import { routeNewOrder } from './route-new-order.js';
import { today } from './routing.js';

/** `POST /api/marketplace-orders/` after the body schema (ids already resolved from the hyperlinks). */
export interface CreateOrderInput {
  projectUuid: string;
  offeringUuid: string;
  planUuid?: string | undefined;
  attributes: Record<string, unknown>;
  limits: Record<string, number>;
  callbackUrl?: string | undefined;
  requestComment?: string | undefined;
  startDate?: string | undefined;
}

const field = (name: string, detail: string, code?: string) =>
  ValidationError.field(`/body/${name}`, detail, code);

/**
 * Creates a CREATE order and its resource (state Creating), then routes it (`routeNewOrder`, §5.1).
 * Checks run in Waldur's order: the project must be visible (400), ORDER.CREATE (403), then the
 * serializer and `validate_order` rules (400).
 */
export async function createOrder(tx: Tx, actor: Actor, input: CreateOrderInput): Promise<number> {
  const project = await findProjectForOrder(tx, actor, input.projectUuid);
  if (!project) throw field('project', 'Invalid hyperlink - Object does not exist.');
  const offering = await findOfferingForOrder(tx, input.offeringUuid);
  if (!offering) throw field('offering', 'Invalid hyperlink - Object does not exist.');
  if (!actor.isStaff && !actor.isSupport) {
    await authorize(tx, actor, Permission.ORDER_CREATE, [
      { type: 'project', id: project.id },
      { type: 'customer', id: project.customer_id },
    ]);
  }
  if (project.customer_blocked) throw fixedValidationError('customer.blocked');
  if (project.customer_archived) throw fixedValidationError('customer.archived');
  const refusal = orderable({
    orderType: 'Create',
    offeringState: offeringStateFromCode(offering.state),
    projectExpired: isExpired(project.end_date),
  });
  if (refusal === 'project_expired') throw projectExpiredError(project.name);
  if (refusal)
    throw field('offering', 'Offering is not available for ordering.', 'order.offering_not_orderable');
  if (!offering.shared && !actor.isStaff && offering.customer_id !== project.customer_id) {
    throw field(
      'offering',
      'This offering is private and not available to this project.',
      'order.offering_private',
    );
  }
  // Organization groups (Waldur `validate_public_offering`); staff and the provider's own
  // organization are let through, as they see such offerings in the catalogue.
  const groupGate = offering.shared && !actor.isStaff && offering.customer_id !== project.customer_id;
  if (groupGate && (await closedToOrganization(tx, 'offering', offering.id, project.customer_id)))
    throw field('offering', 'This offering is not available for ordering.', 'order.offering_not_in_groups');
  const optionErrors = validateAttributes(offering.options, input.attributes);
  if (optionErrors.length)
    throw new ValidationError('Invalid attributes.', optionErrors, 'order.invalid_attributes');
  await checkCreateRules(tx, {
    actor,
    projectId: project.id,
    customerId: project.customer_id,
    offeringId: offering.id,
    pluginOptions: offering.plugin_options,
    attributes: input.attributes,
  });
  const plan = input.planUuid ? await findPlanOfOffering(tx, offering.id, input.planUuid) : undefined;
  if (input.planUuid && !plan)
    throw field('plan', 'This plan does not belong to the offering.', 'order.plan_mismatch');
  if (!plan && offering.shared)
    throw field('plan', 'Plan is required for shared offerings.', 'order.plan_required');
  if (plan?.archived) throw field('plan', 'This plan is not available.', 'order.plan_archived');
  if (plan && groupGate && (await closedToOrganization(tx, 'plan', plan.id, project.customer_id)))
    throw field('plan', 'This plan is not available for ordering.', 'order.plan_not_in_groups');
  if (plan?.max_amount && (await liveResourcesOnPlan(tx, plan.id)) >= plan.max_amount) {
    throw field('plan', 'The maximum number of resources for this plan has been reached.', 'order.plan_full');
  }
  await validateNewOrder(tx, {
    offeringType: offering.type as OfferingType,
    planId: plan?.id ?? null,
    attributes: input.attributes,
    pluginOptions: offering.plugin_options,
  });
  const components = await componentsOf(tx, offering.id);
  const limitErrors = validateLimits(components, input.limits);
  if (limitErrors.length) throw new ValidationError('Invalid limits.', limitErrors, 'order.invalid_limits');
  if (input.startDate && input.startDate < today())
    throw field('start_date', 'Start date cannot be in the past.');
  // §7.1: the start date must also lie within the project's start and end dates.
  if (input.startDate && project.start_date && input.startDate < project.start_date)
    throw field('start_date', 'Start date cannot be before the project start date.');
  if (input.startDate && project.end_date && input.startDate > project.end_date)
    throw field('start_date', 'Start date cannot be after the project end date.');
  // init_cost() (§2.1, §7.1 effects): the plan's estimate for the requested limits.
  const priced = plan ? await planPricing(tx, plan) : undefined;
  const cost = priced ? estimateCost(priced, components, input.limits) : null;
  const name = typeof input.attributes.name === 'string' ? input.attributes.name : '';
  const endDate = typeof input.attributes.end_date === 'string' ? input.attributes.end_date : null;

  const resourceId = await createResourceOfOrder(tx, {
    offering_id: offering.id,
    project_id: project.id,
    plan_id: plan?.id ?? null,
    name,
    attributes: input.attributes,
    limits: input.limits,
    end_date: endDate,
    options: pickOptions(input.attributes, offering.resource_options),
  });
  const orderId = await insertOrder(tx, {
    resource_id: resourceId,
    offering_id: offering.id,
    project_id: project.id,
    plan_id: plan?.id ?? null,
    type: 1,
    attributes: input.attributes,
    limits: input.limits,
    cost,
    created_by: actor.id,
    callback_url: input.callbackUrl ?? null,
    request_comment: input.requestComment ?? '',
    start_date: input.startDate ?? null,
    slug: `${project.customer_slug}-${offering.slug}-${today()}`,
  });
  const o = await routeNewOrder(tx, actor, await lockOrder(tx, orderId));
  return o.row.id;
}

/** Copies the attribute keys the offering declares as resource options (§7.1 effects). */
function pickOptions(attributes: Record<string, unknown>, resourceOptions: Record<string, unknown>) {
  const declared = resourceOptions.options;
  if (typeof declared !== 'object' || declared === null) return {};
  return Object.fromEntries(
    Object.keys(declared)
      .filter((k) => k in attributes)
      .map((k) => [k, attributes[k]]),
  );
}
