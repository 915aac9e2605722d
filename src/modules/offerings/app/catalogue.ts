/**
 * The catalogue as other modules (orders, resources) read it. This is the offerings module's
 * stable app-level API: callers pass their own transaction, get plain rows back, and never query
 * the offering tables themselves. Visibility and permissions are the caller's business (an order
 * decides who may order what); these functions only find and price.
 *
 * Ids: `*Uuid` parameters accept the dashed or the 32-hex form; `*Id` parameters are internal ids.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { normalizeUuid } from '../../../platform/http/ids.js';
import { type ComponentRow, componentsOf } from '../adapters/pg/component-repository.js';
import { closedToCustomer } from '../adapters/pg/group-links.js';
import {
  partsOfPlans,
  planIsActive,
  plansQuery,
  pricingOf,
  withPlanDetails,
} from '../adapters/pg/plan-repository.js';
import {
  isOfferingType,
  type OfferingState,
  type OfferingType,
  offeringStateFromCode,
} from '../domain/offering-type.js';
import type { PlanPricing } from '../domain/pricing.js';

export type { BillingType, ComponentPricing, Limits, PlanPricing } from '../domain/pricing.js';
/** `estimateCost(plan, components, limits)`: the monthly cost of an order as a decimal string (domain/pricing.ts). */
export { estimateCost } from '../domain/pricing.js';

/** An offering as order logic needs it (no visibility applied). */
export interface OrderableOffering {
  id: number;
  /** Dashed uuid. */
  uuid: string;
  name: string;
  type: OfferingType;
  /** Label: Draft, Active, Paused, Archived, Unavailable (orders spec §1.4). */
  state: OfferingState;
  shared: boolean;
  billable: boolean;
  /** The provider organization. */
  customer_id: number;
  /** Dashed uuid of the provider organization. */
  customer_uuid: string;
  plugin_options: Record<string, unknown>;
  /** Staff-only settings (script bodies, remote credentials): for processors, never for responses. */
  secret_options: Record<string, unknown>;
  options: Record<string, unknown>;
  resource_options: Record<string, unknown>;
  backend_id: string;
}

/** An offering component (type, billing_type, limit_period, limit_amount, min/max_value, …). */
export type CatalogueComponent = ComponentRow;

/** A plan with its prices (component type → decimal string) and whether it accepts new resources. */
export interface CataloguePlan extends PlanPricing {
  id: number;
  uuid: string;
  offering_id: number;
  name: string;
  unit: string;
  archived: boolean;
  max_amount: number | null;
  /** Not archived and `max_amount` not used up by live resources (Waldur `plan.is_active`). */
  is_active: boolean;
  resources_count: number;
}

/**
 * The offering with this uuid, in any state (the caller applies §1.4: Active for new orders, Paused
 * allowed for others, Unavailable never). `lock: true` takes FOR SHARE on the row, so a concurrent
 * pause or archive waits until the caller's transaction ends.
 */
export async function findOrderableOffering(
  tx: Tx,
  offeringUuid: string,
  opts: { lock?: boolean } = {},
): Promise<OrderableOffering | undefined> {
  const uuid = normalizeUuid(offeringUuid);
  if (!uuid) return undefined;
  let q = tx
    .selectFrom('offerings')
    .innerJoin('customers', 'customers.id', 'offerings.customer_id')
    .selectAll('offerings')
    .select('customers.uuid as customer_uuid')
    .where('offerings.uuid', '=', uuid);
  if (opts.lock) q = q.forShare('offerings');
  const o = await q.executeTakeFirst();
  if (!o) return undefined;
  // Types are validated on write; an unknown one in the table is corrupt data, not user input.
  if (!isOfferingType(o.type)) throw new RangeError(`Offering ${o.uuid} has unknown type ${o.type}`);
  return {
    id: o.id,
    uuid: o.uuid,
    name: o.name,
    type: o.type,
    state: offeringStateFromCode(o.state),
    shared: o.shared,
    billable: o.billable,
    customer_id: o.customer_id,
    customer_uuid: o.customer_uuid,
    plugin_options: o.plugin_options,
    secret_options: o.secret_options,
    options: o.options,
    resource_options: o.resource_options,
    backend_id: o.backend_id,
  };
}

/**
 * The plan `planUuid` if it belongs to offering `offeringId` (else undefined: the caller answers
 * 400). `lock: true` takes FOR UPDATE on the plan, serialising orders that race for `max_amount`.
 */
export async function findPlanOfOffering(
  tx: Tx,
  offeringId: number,
  planUuid: string,
  opts: { lock?: boolean } = {},
): Promise<CataloguePlan | undefined> {
  const uuid = normalizeUuid(planUuid);
  if (!uuid) return undefined;
  let q = plansQuery(tx).where('plans.uuid', '=', uuid).where('plans.offering_id', '=', offeringId);
  if (opts.lock) q = q.forUpdate('plans');
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const [plan] = await withPlanDetails(tx, [row]);
  if (!plan) return undefined;
  return {
    id: plan.id,
    uuid: plan.uuid,
    offering_id: plan.offering_id,
    name: plan.name,
    unit: plan.unit,
    archived: plan.archived,
    max_amount: plan.max_amount,
    is_active: planIsActive(plan),
    resources_count: plan.resources_count,
    ...pricingOf(plan),
  };
}

/**
 * What `estimateCost` reads of a plan: its unit price and component prices (one query; order
 * creation needs neither the plan's resource counts nor its groups).
 */
export async function planPricing(tx: Tx, plan: { id: number; unit_price: string }): Promise<PlanPricing> {
  return pricingOf({ unit_price: plan.unit_price, parts: await partsOfPlans(tx, [plan.id]) });
}

/** The components of an offering, in creation order. */
export function offeringComponents(tx: Tx, offeringId: number): Promise<CatalogueComponent[]> {
  return componentsOf(tx, [offeringId]);
}

/** Whether the offering has a usage-billed component (usage reports feed its billing). */
export async function offeringHasUsageComponents(tx: Tx, offeringId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('offering_components')
    .select(sql<number>`1`.as('one'))
    .where('offering_id', '=', offeringId)
    .where('billing_type', '=', 'usage')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether an offering or plan limited to organization groups is closed to organization
 * `customerId` (none of its groups is one of the customer's); one open to everyone never is.
 */
export function closedToOrganization(
  tx: Tx,
  kind: 'offering' | 'plan',
  id: number,
  customerId: number,
): Promise<boolean> {
  return closedToCustomer(tx, kind, id, customerId);
}
