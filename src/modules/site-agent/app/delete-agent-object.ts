import type { Tx } from '../../../platform/db/database.js';

/** Which agent table a deletion targets; services, processors and logs below it go too (cascade). */
export type AgentObjectKind = 'identity' | 'service' | 'processor';

const TABLES = {
  identity: 'site_agent_identities',
  service: 'site_agent_services',
  processor: 'site_agent_processors',
} as const;

/** Deletes an identity, service or processor the caller was authorized on. */
export async function deleteAgentObject(tx: Tx, kind: AgentObjectKind, id: number): Promise<void> {
  await tx.deleteFrom(TABLES[kind]).where('id', '=', id).execute();
}
