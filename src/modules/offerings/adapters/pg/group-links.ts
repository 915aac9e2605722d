import { type ExpressionBuilder, sql } from 'kysely';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import type { DB } from '../../../../platform/db/schema.js';
import {
  grantedScopeIds,
  groupIdsOfCustomer,
  groupIdsOfUser,
  groupsByIds,
  type OrganizationGroupView,
} from '../../../identity/api.js';

export type { OrganizationGroupView } from '../../../identity/api.js';

type Owner = 'offering' | 'plan';
const TABLE = { offering: 'offering_organization_groups', plan: 'plan_organization_groups' } as const;

/** The groups each offering or plan is limited to, in group-id order (two queries for any number). */
export async function groupsOf(
  tx: Tx,
  owner: Owner,
  ids: readonly number[],
): Promise<Map<number, OrganizationGroupView[]>> {
  const out = new Map<number, OrganizationGroupView[]>();
  if (ids.length === 0) return out;
  const links =
    owner === 'offering'
      ? await tx
          .selectFrom('offering_organization_groups')
          .select(['offering_id as owner_id', 'group_id'])
          .where('offering_id', 'in', [...ids])
          .orderBy('group_id')
          .execute()
      : await tx
          .selectFrom('plan_organization_groups')
          .select(['plan_id as owner_id', 'group_id'])
          .where('plan_id', 'in', [...ids])
          .orderBy('group_id')
          .execute();
  const views = await groupsByIds(
    tx,
    links.map((l) => l.group_id),
  );
  for (const l of links) {
    const g = views.get(l.group_id);
    if (g) out.set(l.owner_id, [...(out.get(l.owner_id) ?? []), g]);
  }
  return out;
}

/** Replaces the groups an offering or a plan is limited to (an empty list opens it to everyone). */
export async function replaceGroups(tx: Tx, owner: Owner, id: number, groupIds: readonly number[]) {
  const unique = [...new Set(groupIds)];
  if (owner === 'offering') {
    await tx.deleteFrom('offering_organization_groups').where('offering_id', '=', id).execute();
    if (unique.length)
      await tx
        .insertInto('offering_organization_groups')
        .values(unique.map((group_id) => ({ offering_id: id, group_id })))
        .execute();
    return;
  }
  await tx.deleteFrom('plan_organization_groups').where('plan_id', '=', id).execute();
  if (unique.length)
    await tx
      .insertInto('plan_organization_groups')
      .values(unique.map((group_id) => ({ plan_id: id, group_id })))
      .execute();
}

/** The offering's provider side: a grant on its organization or on the offering itself. */
function isProvider<TB extends 'offerings'>(tx: Tx, eb: ExpressionBuilder<DB, TB>, actor: Actor) {
  const e = eb as unknown as ExpressionBuilder<DB, 'offerings'>;
  return e.or([
    e('offerings.customer_id', 'in', grantedScopeIds(tx, actor.id, 'customer')),
    e('offerings.id', 'in', grantedScopeIds(tx, actor.id, 'offering')),
  ]);
}

/**
 * An offering is open to the actor when it is limited to no group, or to a group of an organization
 * the actor belongs to (Waldur `hide_inaccessible`); staff, support and its provider always see it.
 */
export function offeringOpenTo(tx: Tx, actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'offerings'>) => {
    if (seesEverything(actor)) return sql<boolean>`true`;
    const groups = eb
      .selectFrom('offering_organization_groups as og')
      .select('og.group_id')
      .whereRef('og.offering_id', '=', 'offerings.id');
    return eb.or([
      eb.not(eb.exists(groups)),
      eb.exists(groups.where('og.group_id', 'in', groupIdsOfUser(tx, actor.id))),
      isProvider(tx, eb, actor),
    ]);
  };
}

/** A plan is open to the actor on the same terms as {@link offeringOpenTo} (Waldur `get_plans_available_for_user`). */
export function planOpenTo(tx: Tx, actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'plans' | 'offerings'>) => {
    if (seesEverything(actor)) return sql<boolean>`true`;
    const groups = eb
      .selectFrom('plan_organization_groups as pg')
      .select('pg.group_id')
      .whereRef('pg.plan_id', '=', 'plans.id');
    return eb.or([
      eb.not(eb.exists(groups)),
      eb.exists(groups.where('pg.group_id', 'in', groupIdsOfUser(tx, actor.id))),
      isProvider(tx, eb, actor),
    ]);
  };
}

/** Offerings limited to one of the groups with these uuids. */
export function limitedToGroups(groupUuids: readonly string[]) {
  return (eb: ExpressionBuilder<DB, 'offerings'>) =>
    eb(
      'offerings.id',
      'in',
      eb
        .selectFrom('offering_organization_groups as og')
        .innerJoin('organization_groups as g', 'g.id', 'og.group_id')
        .select('og.offering_id')
        .where('g.uuid', 'in', [...groupUuids]),
    );
}

/**
 * Offerings organization `customerUuid` may order from (Waldur `filter_for_customer`): its own, and
 * shared ones limited to no group or to one of its groups.
 */
export function openToCustomer(customerUuid: string) {
  return (eb: ExpressionBuilder<DB, 'offerings'>) => {
    const customerGroups = eb
      .selectFrom('customer_organization_groups as m')
      .innerJoin('customers as c', 'c.id', 'm.customer_id')
      .select('m.group_id')
      .where('c.uuid', '=', customerUuid);
    const groupsOf = eb
      .selectFrom('offering_organization_groups as og')
      .select('og.group_id')
      .whereRef('og.offering_id', '=', 'offerings.id');
    return eb.or([
      eb(
        'offerings.customer_id',
        'in',
        eb.selectFrom('customers as own').select('own.id').where('own.uuid', '=', customerUuid),
      ),
      eb.and([
        eb('offerings.shared', '=', true),
        eb.or([eb.not(eb.exists(groupsOf)), eb.exists(groupsOf.where('og.group_id', 'in', customerGroups))]),
      ]),
    ]);
  };
}

/**
 * Whether organization `customerId` may not order from this offering or plan (Waldur
 * `validate_public_offering`): it is limited to groups and none of them is one of the customer's.
 */
export async function closedToCustomer(
  tx: Tx,
  kind: Owner,
  id: number,
  customerId: number,
): Promise<boolean> {
  const key = kind === 'offering' ? 'offering_id' : 'plan_id';
  const row = await sql<{ limited: boolean; member: boolean }>`
    SELECT count(*) > 0 AS limited,
           count(*) FILTER (WHERE group_id IN (${groupIdsOfCustomer(tx, customerId)})) > 0 AS member
    FROM ${sql.table(TABLE[kind])} WHERE ${sql.ref(key)} = ${id}`.execute(tx);
  const r = row.rows[0];
  return r?.limited === true && !r.member;
}
