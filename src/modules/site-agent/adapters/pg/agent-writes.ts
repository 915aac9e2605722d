import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { SiteAgentIdentitiesTable } from '../../../../platform/db/schema-site-agent.js';
import { SERVICE_MOVES } from '../../domain/agent-states.js';

/** Which agent table a deletion targets; services, processors and logs below it go too (cascade). */
export type AgentObjectKind = 'identity' | 'service' | 'processor';

/** Inserts an agent identity; returns its uuid. */
export async function insertIdentity(tx: Tx, values: Insertable<SiteAgentIdentitiesTable>): Promise<string> {
  const row = await tx
    .insertInto('site_agent_identities')
    .values(values)
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return row.uuid;
}

/** Sets the given columns of an identity and stamps `modified`. */
export async function updateIdentityRow(
  tx: Tx,
  identityId: number,
  set: Updateable<SiteAgentIdentitiesTable>,
): Promise<void> {
  await tx
    .updateTable('site_agent_identities')
    .set({ ...set, modified: new Date() })
    .where('id', '=', identityId)
    .execute();
}

/** Deletes identities, services or processors by id (what hangs below them goes by cascade). */
export async function deleteAgentRows(tx: Tx, kind: AgentObjectKind, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  // One literal table per kind: the ownership check reads table names from the code.
  if (kind === 'identity') await tx.deleteFrom('site_agent_identities').where('id', 'in', list).execute();
  else if (kind === 'service') await tx.deleteFrom('site_agent_services').where('id', 'in', list).execute();
  else await tx.deleteFrom('site_agent_processors').where('id', 'in', list).execute();
}

/**
 * Inserts a service of an identity, or re-activates the one of that name: the state goes back to
 * Active and `mode`, when given, is replaced. Returns its id, uuid and whether it was created.
 */
export async function upsertService(
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

/** Replaces a service's statistics and stamps `modified` (the service's heartbeat). */
export async function setServiceStatisticsRow(
  tx: Tx,
  serviceId: number,
  statistics: Record<string, unknown>,
): Promise<void> {
  await tx
    .updateTable('site_agent_services')
    .set({ statistics: JSON.stringify(statistics), modified: new Date() })
    .where('id', '=', serviceId)
    .execute();
}

/**
 * Inserts a processor of a service, or refreshes the one of that name: backend type and version
 * are replaced and `last_run` becomes now. Returns its id and whether it was created.
 */
export async function upsertProcessor(
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
