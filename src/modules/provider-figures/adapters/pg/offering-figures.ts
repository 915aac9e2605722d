import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { RESOURCE_STATE_CODES, RESOURCE_STATES } from '../../../resources/domain/resource-state.js';
import type { MonthRange } from '../../domain/periods.js';

const TERMINATED = RESOURCE_STATE_CODES.Terminated;

/** A state and how many objects are in it. */
export interface StateCount {
  state: string;
  count: number;
}

/** Live (not terminated) resources of an offering and the distinct consumer organizations owning them. */
export async function offeringStats(tx: Tx, offeringId: number) {
  const row = await tx
    .selectFrom('resources')
    .innerJoin('projects', 'projects.id', 'resources.project_id')
    .where('resources.offering_id', '=', offeringId)
    .where('resources.state', '!=', TERMINATED)
    .select((eb) => [
      eb.fn.countAll<string>().as('resources'),
      eb.fn.count<string>('projects.customer_id').distinct().as('customers'),
    ])
    .executeTakeFirstOrThrow();
  return { resources_count: Number(row.resources), customers_count: Number(row.customers) };
}

/** Resources of an offering by state label and offering users by state, states with none left out. */
export async function offeringStateCounters(tx: Tx, offeringId: number) {
  const [resources, users] = await Promise.all([
    resourcesByState(tx, { offeringId }),
    tx
      .selectFrom('offering_users')
      .where('offering_id', '=', offeringId)
      .groupBy('state')
      .select((eb) => ['state', eb.fn.countAll<string>().as('count')])
      .orderBy('state')
      .execute(),
  ]);
  return { resources, users: users.map((u) => ({ state: u.state, count: Number(u.count) })) };
}

/** Resources by state label, in state order, for one offering or every offering of a provider. */
export async function resourcesByState(
  tx: Tx,
  scope: { offeringId: number } | { providerCustomerId: number },
): Promise<StateCount[]> {
  let q = tx.selectFrom('resources');
  q =
    'offeringId' in scope
      ? q.where('resources.offering_id', '=', scope.offeringId)
      : q.where('resources.offering_id', 'in', (s) =>
          s.selectFrom('offerings').select('id').where('customer_id', '=', scope.providerCustomerId),
        );
  const rows = await q
    .groupBy('resources.state')
    .select((eb) => ['resources.state', eb.fn.countAll<string>().as('count')])
    .execute();
  const byCode = new Map(rows.map((r) => [r.state, Number(r.count)]));
  return RESOURCE_STATES.filter((s) => byCode.has(RESOURCE_STATE_CODES[s])).map((s) => ({
    state: s,
    count: byCode.get(RESOURCE_STATE_CODES[s]) ?? 0,
  }));
}

/** One component's usage in one billing month, summed over the offering's resources. */
export interface ComponentStatRow {
  period: string;
  billing_period: string;
  usage: string;
  description: string;
  measured_unit: string;
  type: string;
  name: string;
}

/** Reported usages of an offering's components per billing month of the range. */
export async function offeringComponentStats(
  tx: Tx,
  offeringId: number,
  range: MonthRange,
): Promise<ComponentStatRow[]> {
  const r = await sql<ComponentStatRow>`
    SELECT to_char(cu.billing_period, 'YYYY-MM') AS period,
      to_char(cu.billing_period, 'YYYY-MM-DD') AS billing_period,
      sum(cu.usage)::text AS usage, oc.description, oc.measured_unit, oc.type, oc.name
    FROM resources r
    JOIN component_usages cu ON cu.resource_id = r.id
    JOIN offering_components oc ON oc.id = cu.component_id
    WHERE r.offering_id = ${offeringId}
      AND cu.billing_period BETWEEN ${range.first}::date AND ${range.last}::date
    GROUP BY cu.billing_period, oc.id
    ORDER BY cu.billing_period, oc.type`.execute(tx);
  return r.rows;
}

/** Consumer organizations with a live resource of the offering (a query, so lists can page it). */
export function offeringCustomers(tx: Tx, offeringId: number) {
  return tx
    .selectFrom('customers')
    .where('customers.id', 'in', (s) =>
      s
        .selectFrom('resources')
        .innerJoin('projects', 'projects.id', 'resources.project_id')
        .select('projects.customer_id')
        .where('resources.offering_id', '=', offeringId)
        .where('resources.state', '!=', TERMINATED),
    )
    .select([
      'customers.id',
      'customers.uuid',
      'customers.name',
      'customers.slug',
      'customers.abbreviation',
      'customers.email',
    ]);
}

/** One page of an offering's consumer organizations, by name. */
export function offeringCustomerPage(q: ReturnType<typeof offeringCustomers>, limit: number, offset: number) {
  return q.orderBy('customers.name').orderBy('customers.id').limit(limit).offset(offset).execute();
}
