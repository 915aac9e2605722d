import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { SERVICE_MOVES } from '../domain/agent-states.js';

/**
 * Registers a service of an identity, or re-activates the one of that name (Waldur answers the
 * existing one with 200): the state goes back to Active and `mode`, when given, is replaced.
 * Returns its id, uuid and whether it was created.
 */
export async function registerService(
  tx: Tx,
  identityId: number,
  input: { name: string; mode?: string | null | undefined },
): Promise<{ id: number; uuid: string; created: boolean }> {
  const row = await tx
    .insertInto('site_agent_services')
    .values({
      identity_id: identityId,
      name: input.name,
      mode: input.mode ?? null,
      state: SERVICE_MOVES.register.to,
      statistics: '{}',
    })
    .onConflict((oc) =>
      oc.columns(['identity_id', 'name']).doUpdateSet({
        state: SERVICE_MOVES.register.to,
        modified: new Date(),
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
      }),
    )
    .returning(['id', 'uuid', sql<boolean>`(xmax = 0)`.as('created')])
    .executeTakeFirstOrThrow();
  return { id: row.id, uuid: row.uuid, created: row.created };
}
