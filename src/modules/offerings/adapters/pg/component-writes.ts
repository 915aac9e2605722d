import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { ComponentInput, ComponentRow } from './component-repository.js';

/** Changes a component's fields (Kysely leaves undefined keys out of the SET list). */
export async function updateComponentRow(
  tx: Tx,
  componentId: number,
  changes: Partial<ComponentInput>,
): Promise<void> {
  if (Object.values(changes).every((v) => v === undefined)) return;
  await tx.updateTable('offering_components').set(changes).where('id', '=', componentId).execute();
}

/**
 * Whether a resource of the offering holds a limit or a reported usage of the component (its type
 * in `limits` or `current_usages`, or a usage row): removing it would orphan what was billed.
 */
export async function componentIsUsed(tx: Tx, c: ComponentRow): Promise<boolean> {
  const row = await sql<{ used: boolean }>`
    SELECT EXISTS (
             SELECT 1 FROM resources
              WHERE offering_id = ${c.offering_id}
                AND (limits ? ${c.type} OR current_usages ? ${c.type}))
        OR EXISTS (SELECT 1 FROM component_usages WHERE component_id = ${c.id}) AS used`.execute(tx);
  return row.rows[0]?.used === true;
}

/** Deletes a component; its plan prices and per-user limits go with it (ON DELETE CASCADE). */
export async function deleteComponentRow(tx: Tx, componentId: number): Promise<void> {
  await tx.deleteFrom('offering_components').where('id', '=', componentId).execute();
}
