import { sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import type { DriftJson } from '../../../drift/api.js';
import { SHARED_RECORD_COLUMNS } from '../../../marketplace/app/record-columns.js';

/**
 * Resources (`r`) joined to their offering `f`, project `p` and the project's organization `c`,
 * which most readers of a resource check or show. Selects nothing yet.
 */
export function resourcesInScope(tx: Db) {
  return tx
    .selectFrom('resources as r')
    .innerJoin('offerings as f', 'f.id', 'r.offering_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('customers as c', 'c.id', 'p.customer_id');
}

/**
 * The resource with everything its representation and its checks read, in one query: offering and
 * its provider organization, plan, project and its organization, and whether the offering has
 * prepaid components (renew, §8). Column names follow `OrderRecord`, so the orders module's
 * `scopeOf` resolves permission scopes for both.
 */
export function resourceRecords(tx: Tx) {
  return (
    resourcesInScope(tx)
      .innerJoin('customers as pc', 'pc.id', 'f.customer_id')
      .leftJoin('plans as pl', 'pl.id', 'r.plan_id')
      .selectAll('r')
      .select([
        'f.uuid as offering_uuid',
        'f.name as offering_name',
        'f.slug as offering_slug',
        'f.type as offering_type',
        'f.state as offering_state',
        'f.plugin_options as offering_plugin_options',
        'f.resource_options as offering_resource_options',
      ])
      .select(SHARED_RECORD_COLUMNS)
      .select(
        sql<boolean>`exists (select 1 from offering_components oc where oc.offering_id = r.offering_id and oc.is_prepaid)`.as(
          'has_prepaid_components',
        ),
      )
      // The open drift finding (drift module), at most one per resource (partial unique index).
      .select(
        sql<DriftJson | null>`(select json_build_object('uuid', d.uuid, 'rule', d.rule,
        'expected_state', d.expected_state, 'detected_at', d.detected_at)
        from resource_drift_findings d where d.resource_id = r.id and d.resolved_at is null)`.as('drift'),
      )
  );
}

/** One resource as read with {@link resourceRecords}. */
export type ResourceRecord = Awaited<
  ReturnType<ReturnType<typeof resourceRecords>['executeTakeFirstOrThrow']>
>;

/** The query type the visibility filters and list filters compose on. */
export type ResourceQuery = ReturnType<typeof resourceRecords>;
