import { sql } from 'kysely';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleProjects } from '../../../identity/api.js';

/** Filters of the rule list. */
export interface RuleFilter {
  project_uuid?: string | undefined;
  customer_uuid?: string | undefined;
  enabled?: boolean | undefined;
}

/**
 * Auto-approval rules `actor` may read: those of the projects they see (staff and support: all);
 * a rule of an invisible project is a 404.
 */
export function visibleRules(tx: Tx, actor: Actor, f: RuleFilter = {}) {
  let q = tx
    .selectFrom('project_order_auto_approvals as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .leftJoin('users as cb', 'cb.id', 'a.created_by')
    .leftJoin('users as mb', 'mb.id', 'a.modified_by')
    .where('p.removed_at', 'is', null);
  if (!seesEverything(actor)) q = q.where('p.id', 'in', visibleProjects(tx, actor).select('projects.id'));
  if (f.project_uuid) q = q.where('p.uuid', '=', f.project_uuid);
  if (f.customer_uuid) q = q.where('c.uuid', '=', f.customer_uuid);
  if (f.enabled !== undefined) q = q.where('a.enabled', '=', f.enabled);
  return q;
}

/** Selects what the presenter and the checks read. */
export function ruleColumns(q: ReturnType<typeof visibleRules>) {
  return q
    .selectAll('a')
    .select(['p.uuid as project_uuid', 'p.name as project_name', 'p.customer_id'])
    .select(['c.uuid as customer_uuid', 'c.name as customer_name'])
    .select(['cb.uuid as created_by_uuid', 'cb.username as created_by_username'])
    .select(sql<string | null>`trim(cb.first_name || ' ' || cb.last_name)`.as('created_by_full_name'))
    .select(['mb.uuid as modified_by_uuid', 'mb.username as modified_by_username'])
    .select(sql<string | null>`trim(mb.first_name || ' ' || mb.last_name)`.as('modified_by_full_name'));
}

/** One rule as read with {@link ruleColumns}. */
export type RuleRecord = Awaited<ReturnType<ReturnType<typeof ruleColumns>['executeTakeFirstOrThrow']>>;
