import { sql } from 'kysely';
import type { Db } from '../../../../platform/db/database.js';
import { SHARED_RECORD_COLUMNS } from '../../../marketplace/app/record-columns.js';

/**
 * Orders (`o`) joined to what every reader of one needs: resource `r`, offering `f`, project `p`,
 * its organization `c` and the plan `pl` (left: an order may have none). Selects nothing yet.
 */
export function ordersInScope(tx: Db) {
  return tx
    .selectFrom('orders as o')
    .innerJoin('resources as r', 'r.id', 'o.resource_id')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .innerJoin('projects as p', 'p.id', 'o.project_id')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .leftJoin('plans as pl', 'pl.id', 'o.plan_id');
}

/**
 * The order with everything its representation and its checks read, in one query: resource,
 * offering and its provider organization, plan, project and its organization, the people and the
 * purchase-order file's name (never its bytes).
 */
export function orderRecords(tx: Db) {
  return ordersInScope(tx)
    .innerJoin('customers as pc', 'pc.id', 'f.customer_id')
    .leftJoin('users as cb', 'cb.id', 'o.created_by')
    .leftJoin('users as cr', 'cr.id', 'o.consumer_reviewed_by')
    .leftJoin('users as pr', 'pr.id', 'o.provider_reviewed_by')
    .leftJoin('project_order_auto_approvals as aar', 'aar.id', 'o.auto_approved_by_rule_id')
    .leftJoin('order_attachments as oa', 'oa.order_id', 'o.id')
    .selectAll('o')
    .select(SHARED_RECORD_COLUMNS)
    .select([
      'r.uuid as resource_uuid',
      'r.name as resource_name',
      'r.state as resource_state',
      'r.backend_id as resource_backend_id',
      'f.uuid as offering_uuid',
      'f.name as offering_name',
      'f.type as offering_type',
      'f.state as offering_state',
      'f.shared as offering_shared',
      'f.plugin_options as offering_plugin_options',
      'p.start_date as project_start_date',
      'p.removed_at as project_removed_at',
      'cb.username as created_by_username',
      'cr.username as consumer_reviewed_by_username',
      'pr.username as provider_reviewed_by_username',
      'aar.uuid as auto_approved_by_rule_uuid',
      'oa.file_name as attachment_name',
    ])
    .select(sql<string>`coalesce(trim(cb.first_name || ' ' || cb.last_name), '')`.as('created_by_full_name'))
    .select(
      sql<string>`coalesce(trim(cr.first_name || ' ' || cr.last_name), '')`.as(
        'consumer_reviewed_by_full_name',
      ),
    )
    .select(
      sql<string>`coalesce(trim(pr.first_name || ' ' || pr.last_name), '')`.as(
        'provider_reviewed_by_full_name',
      ),
    );
}

/** One order as read with {@link orderRecords}. */
export type OrderRecord = Awaited<ReturnType<ReturnType<typeof orderRecords>['executeTakeFirstOrThrow']>>;
