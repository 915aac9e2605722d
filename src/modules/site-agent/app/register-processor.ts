import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';

/**
 * Registers a processor of a service, or refreshes the one of that name (Waldur answers it with
 * 200): backend type and version are replaced and `last_run` becomes now.
 */
export async function registerProcessor(
  tx: Tx,
  serviceId: number,
  input: { name: string; backendType: string; backendVersion?: string | null | undefined },
): Promise<{ id: number; created: boolean }> {
  const now = new Date();
  const row = await tx
    .insertInto('site_agent_processors')
    .values({
      service_id: serviceId,
      name: input.name,
      backend_type: input.backendType,
      backend_version: input.backendVersion ?? null,
      last_run: now,
    })
    .onConflict((oc) =>
      oc.columns(['service_id', 'name']).doUpdateSet({
        backend_type: input.backendType,
        last_run: now,
        modified: now,
        ...(input.backendVersion !== undefined ? { backend_version: input.backendVersion } : {}),
      }),
    )
    .returning(['id', sql<boolean>`(xmax = 0)`.as('created')])
    .executeTakeFirstOrThrow();
  return { id: row.id, created: row.created };
}
