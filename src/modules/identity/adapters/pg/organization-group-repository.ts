import { type ExpressionBuilder, type QueryCreator, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { DB } from '../../../../platform/db/schema.js';
import { reachableCustomerIds } from './access-queries.js';
import { escapeLike } from './customer-repository.js';

/** An organization group with its parent's uuid and name and its member count. */
export interface OrganizationGroupView {
  id: number;
  uuid: string;
  name: string;
  parent_id: number | null;
  parent_uuid: string | null;
  parent_name: string | null;
  customers_count: number;
}

/** List filters and ordering of `GET /api/organization-groups/`. */
export interface OrganizationGroupFilter {
  name?: string | undefined;
  name_exact?: string | undefined;
  parent?: string | undefined;
  o?: 'name' | '-name' | 'customers_count' | '-customers_count' | undefined;
}

const membersCount = (eb: ExpressionBuilder<DB, 'organization_groups'>) =>
  eb
    .selectFrom('customer_organization_groups as m')
    .select(sql<string>`count(*)`.as('n'))
    .whereRef('m.group_id', '=', 'organization_groups.id');

/** Groups with the columns of {@link OrganizationGroupView}, filtered; every user may read them. */
export function groupsQuery(tx: Tx, f: OrganizationGroupFilter = {}) {
  let q = tx
    .selectFrom('organization_groups')
    .leftJoin('organization_groups as parent', 'parent.id', 'organization_groups.parent_id')
    .select([
      'organization_groups.id',
      'organization_groups.uuid',
      'organization_groups.name',
      'organization_groups.parent_id',
      'parent.uuid as parent_uuid',
      'parent.name as parent_name',
    ])
    .select((eb) => membersCount(eb).as('customers_count'));
  if (f.name) q = q.where('organization_groups.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.name_exact) q = q.where('organization_groups.name', '=', f.name_exact);
  if (f.parent) q = q.where('parent.uuid', '=', f.parent);
  return q;
}

/** A page of groups in the requested order (Waldur's default: by name). */
export async function listGroups(
  tx: Tx,
  f: OrganizationGroupFilter,
  limit: number,
  offset: number,
): Promise<OrganizationGroupView[]> {
  const desc = f.o?.startsWith('-') ?? false;
  const q = groupsQuery(tx, f);
  const sorted = f.o?.endsWith('customers_count')
    ? q.orderBy('customers_count', desc ? 'desc' : 'asc')
    : q.orderBy('organization_groups.name', desc ? 'desc' : 'asc');
  const rows = await sorted.orderBy('organization_groups.id').limit(limit).offset(offset).execute();
  return rows.map(toView);
}

/** Groups by internal id (for the groups shown inside organizations, offerings and plans). */
export async function groupsByIds(
  tx: Tx,
  ids: readonly number[],
): Promise<Map<number, OrganizationGroupView>> {
  if (ids.length === 0) return new Map();
  const rows = await groupsQuery(tx)
    .where('organization_groups.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toView(r)]));
}

/** One group by uuid. */
export async function findGroup(tx: Tx, uuid: string): Promise<OrganizationGroupView | undefined> {
  const row = await groupsQuery(tx).where('organization_groups.uuid', '=', uuid).executeTakeFirst();
  return row && toView(row);
}

/** Ids of the groups with these uuids (unknown uuids are simply absent). */
export async function groupIdsByUuid(tx: Tx, uuids: readonly string[]): Promise<Map<string, number>> {
  if (uuids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('organization_groups')
    .select(['id', 'uuid'])
    .where('uuid', 'in', [...uuids])
    .execute();
  return new Map(rows.map((r) => [r.uuid, r.id]));
}

/** Whether `ancestorId` is `groupId` or one of its ancestors (a parent must not close a cycle). */
export async function isSelfOrAncestor(tx: Tx, ancestorId: number, groupId: number): Promise<boolean> {
  const row = await sql<{ hit: boolean }>`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM organization_groups WHERE id = ${ancestorId}
      UNION ALL
      SELECT g.id, g.parent_id FROM organization_groups g JOIN up ON g.id = up.parent_id
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${groupId}) AS hit`.execute(tx);
  return row.rows[0]?.hit ?? false;
}

/** Inserts a group. */
export async function insertGroup(tx: Tx, name: string, parentId: number | null): Promise<string> {
  const row = await tx
    .insertInto('organization_groups')
    .values({ name, parent_id: parentId })
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return row.uuid;
}

/** Updates a group's name and/or parent (absent keys stay as they are). */
export async function updateGroupRow(
  tx: Tx,
  id: number,
  changes: { name?: string | undefined; parent_id?: number | null | undefined },
): Promise<void> {
  await tx
    .updateTable('organization_groups')
    .set({ ...changes, modified: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Deletes a group (its subgroups and memberships go with it). */
export async function deleteGroupRow(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('organization_groups').where('id', '=', id).execute();
}

/** Replaces an organization's group memberships. */
export async function replaceCustomerGroups(tx: Tx, customerId: number, groupIds: readonly number[]) {
  await tx.deleteFrom('customer_organization_groups').where('customer_id', '=', customerId).execute();
  if (groupIds.length === 0) return;
  await tx
    .insertInto('customer_organization_groups')
    .values([...new Set(groupIds)].map((group_id) => ({ customer_id: customerId, group_id })))
    .execute();
}

/** Group ids of each of these organizations. */
export async function customerGroupIds(
  tx: Tx,
  customerIds: readonly number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (customerIds.length === 0) return out;
  const rows = await tx
    .selectFrom('customer_organization_groups')
    .select(['customer_id', 'group_id'])
    .where('customer_id', 'in', [...customerIds])
    .orderBy('group_id')
    .execute();
  for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.group_id]);
  return out;
}

/** Subquery: ids of the groups organization `customerId` belongs to. */
export function groupIdsOfCustomer(qc: QueryCreator<DB>, customerId: number) {
  return qc
    .selectFrom('customer_organization_groups')
    .select('customer_organization_groups.group_id')
    .where('customer_organization_groups.customer_id', '=', customerId);
}

/**
 * Subquery: ids of the groups of the organizations the user reaches through a grant (Waldur
 * `get_organization_groups(user)`).
 */
export function groupIdsOfUser(qc: QueryCreator<DB>, userId: number) {
  return qc
    .selectFrom('customer_organization_groups')
    .select('customer_organization_groups.group_id')
    .where('customer_organization_groups.customer_id', 'in', reachableCustomerIds(qc, userId));
}

function toView(r: {
  id: number;
  uuid: string;
  name: string;
  parent_id: number | null;
  parent_uuid: string | null;
  parent_name: string | null;
  customers_count: string | null;
}): OrganizationGroupView {
  return { ...r, customers_count: Number(r.customers_count ?? 0) };
}
