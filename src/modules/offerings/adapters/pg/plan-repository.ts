import { type Selectable, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { PlansTable } from '../../../../platform/db/schema.js';
import type { BillingType, PlanPricing } from '../../domain/pricing.js';
import type { ComponentRow } from './component-repository.js';
import { groupsOf, type OrganizationGroupView } from './group-links.js';

/** A plan row with its offering's uuid (for hyperlinks) and organization. */
export type PlanRow = Selectable<PlansTable> & { offering_uuid: string; offering_customer_id: number };

/** A component's price and amount in a plan, with the component's own fields. */
export interface PlanPart {
  type: string;
  name: string;
  measured_unit: string;
  billing_type: BillingType;
  /** Decimal string. */
  price: string;
  /** Decimal string. */
  amount: string;
  /** Decimal string: the price from the next billing month on, if one is scheduled. */
  future_price: string | null;
}

/** A plan with its component prices and resource counts. */
export interface PlanView extends PlanRow {
  parts: PlanPart[];
  /** Every resource ever created on the plan (Waldur `resources_count`). */
  resources_count: number;
  /** Resources not yet terminated: these use up `max_amount`. */
  live_resources: number;
  /** The organization groups the plan is limited to (none: open to everyone). */
  organization_groups: OrganizationGroupView[];
}

/** Terminated resource state code (resources spec): such resources no longer hold a plan slot. */
const TERMINATED = 6;

/** Plans with their offering's uuid. */
export function plansQuery(tx: Tx) {
  return tx
    .selectFrom('plans')
    .innerJoin('offerings', 'offerings.id', 'plans.offering_id')
    .selectAll('plans')
    .select(['offerings.uuid as offering_uuid', 'offerings.customer_id as offering_customer_id']);
}

/** The component prices and amounts of the plans, with `plan_id`, in component order. */
export function partsOfPlans(tx: Tx, ids: readonly number[]) {
  return tx
    .selectFrom('plan_components as pc')
    .innerJoin('offering_components as oc', 'oc.id', 'pc.component_id')
    .select([
      'pc.plan_id',
      'oc.type',
      'oc.name',
      'oc.measured_unit',
      'oc.billing_type',
      'pc.price',
      'pc.amount',
      'pc.future_price',
    ])
    .where('pc.plan_id', 'in', ids)
    .orderBy('oc.id')
    .execute();
}

/** Adds component prices, resource counts and groups to plan rows (four queries for any number of plans). */
export async function withPlanDetails(tx: Tx, rows: readonly PlanRow[]): Promise<PlanView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [parts, counts, groups] = await Promise.all([
    partsOfPlans(tx, ids),
    tx
      .selectFrom('resources')
      .select('plan_id')
      .select(sql<string>`count(*)`.as('total'))
      .select(sql<string>`count(*) FILTER (WHERE state <> ${TERMINATED})`.as('live'))
      .where('plan_id', 'in', ids)
      .groupBy('plan_id')
      .execute(),
    groupsOf(tx, 'plan', ids),
  ]);
  return rows.map((r) => {
    const count = counts.find((c) => c.plan_id === r.id);
    return {
      ...r,
      parts: parts.filter((p) => p.plan_id === r.id).map(({ plan_id: _id, ...p }) => p),
      resources_count: Number(count?.total ?? 0),
      live_resources: Number(count?.live ?? 0),
      organization_groups: groups.get(r.id) ?? [],
    };
  });
}

/** A plan's prices and amounts keyed by component type, as pricing reads them. */
export function pricingOf(plan: Pick<PlanView, 'unit_price' | 'parts'>): PlanPricing {
  return {
    unit_price: plan.unit_price,
    prices: Object.fromEntries(plan.parts.map((p) => [p.type, p.price])),
    quotas: Object.fromEntries(plan.parts.map((p) => [p.type, p.amount])),
  };
}

/** Waldur `Plan.is_active`: not archived, and `max_amount` (when set) not used up by live resources. */
export function planIsActive(plan: Pick<PlanView, 'archived' | 'max_amount' | 'live_resources'>): boolean {
  return !plan.archived && (plan.max_amount === null || plan.live_resources < plan.max_amount);
}

/** Fields of a new plan; `prices` / `quotas` map component types to decimal strings. */
export interface PlanInput {
  name: string;
  description?: string | undefined;
  unit?: string | undefined;
  unit_price?: string | undefined;
  max_amount?: number | null | undefined;
  article_code?: string | undefined;
  backend_id?: string | undefined;
  prices?: Record<string, string> | undefined;
  quotas?: Record<string, string> | undefined;
}

/** Inserts a plan and a price row for every component named in its prices or quotas; returns its ids. */
export async function insertPlan(
  tx: Tx,
  offeringId: number,
  input: PlanInput,
  components: readonly ComponentRow[],
): Promise<{ id: number; uuid: string }> {
  const { prices = {}, quotas = {}, ...fields } = input;
  const plan = await tx
    .insertInto('plans')
    .values({ ...fields, offering_id: offeringId })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  const named = components.filter((c) => Object.hasOwn(prices, c.type) || Object.hasOwn(quotas, c.type));
  if (named.length > 0) {
    await tx
      .insertInto('plan_components')
      .values(
        named.map((c) => ({
          plan_id: plan.id,
          component_id: c.id,
          price: prices[c.type] ?? '0',
          amount: quotas[c.type] ?? '0',
        })),
      )
      .execute();
  }
  return plan;
}
