import { type Insertable, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { ComponentUsagesTable, DB, ResourcesTable } from '../../../../platform/db/schema.js';
import { moveColumns, type StateMove } from '../../../../platform/db/transitions.js';

// The resources module's writes (issue 13: it alone writes `resources`, `resource_transitions`,
// `component_usages`).

/** Inserts a resource and returns its row. */
export async function insertResource(
  tx: Tx,
  values: Insertable<ResourcesTable>,
): Promise<Selectable<ResourcesTable>> {
  return tx.insertInto('resources').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates columns of one resource and returns the row as it is afterwards. */
export async function updateResourceRow(
  tx: Tx,
  resourceId: number,
  set: UpdateObject<DB, 'resources'>,
): Promise<Selectable<ResourcesTable>> {
  return tx
    .updateTable('resources')
    .set(set)
    .where('id', '=', resourceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Merges option values into the resource's options (jsonb `||`). */
export async function mergeResourceOptions(
  tx: Tx,
  resourceId: number,
  options: Record<string, unknown>,
): Promise<void> {
  await tx
    .updateTable('resources')
    .set({ options: sql`options || ${JSON.stringify(options)}::jsonb`, modified: sql<Date>`now()` })
    .where('id', '=', resourceId)
    .execute();
}

/** Deletes a resource (unlink); its transitions go with it (ON DELETE CASCADE). */
export async function deleteResourceRow(tx: Tx, resourceId: number): Promise<void> {
  await tx.deleteFrom('resources').where('id', '=', resourceId).execute();
}

/** One row of the append-only resource history (G5). */
export interface ResourceTransitionRow extends StateMove {
  resourceId: number;
  orderId: number | null;
}

/** Appends a `resource_transitions` row chained to the resource's previous one (`previous_id`). */
export async function appendResourceTransition(tx: Tx, t: ResourceTransitionRow): Promise<void> {
  await tx.insertInto('resource_transitions').values(transitionValues(t)).execute();
}

/**
 * A state change in one statement: the resource's columns and its chained `resource_transitions`
 * row (a data-modifying CTE, run whether or not the update reads it). Returns the row afterwards.
 */
export async function moveResourceRow(
  tx: Tx,
  resourceId: number,
  set: UpdateObject<DB, 'resources'>,
  t: ResourceTransitionRow,
): Promise<Selectable<ResourcesTable>> {
  return tx
    .with('appended', (db) => db.insertInto('resource_transitions').values(transitionValues(t)))
    .updateTable('resources')
    .set(set)
    .where('id', '=', resourceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The values of a transition row chained to the resource's previous one (`previous_id`). */
function transitionValues(t: ResourceTransitionRow) {
  return {
    resource_id: t.resourceId,
    order_id: t.orderId,
    ...moveColumns(t),
    previous_id: sql<number>`(SELECT max(id) FROM resource_transitions WHERE resource_id = ${t.resourceId})`,
  };
}

/** Writes one month's usage of a component; a second report of the month replaces the first. */
export async function upsertComponentUsage(tx: Tx, values: Insertable<ComponentUsagesTable>): Promise<void> {
  await tx
    .insertInto('component_usages')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['resource_id', 'component_id', 'billing_period']).doUpdateSet((eb) => ({
        usage: eb.ref('excluded.usage'),
        date: eb.ref('excluded.date'),
        description: eb.ref('excluded.description'),
        recurring: eb.ref('excluded.recurring'),
        modified_by: eb.ref('excluded.modified_by'),
        modified: sql<Date>`now()`,
      })),
    )
    .execute();
}
