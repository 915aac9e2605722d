import type { Tx } from '../../../platform/db/database.js';
import { type AgentObjectKind, deleteAgentRows } from '../adapters/pg/agent-writes.js';

/** Deletes an identity, service or processor the caller was authorized on. */
export async function deleteAgentObject(tx: Tx, kind: AgentObjectKind, id: number): Promise<void> {
  await deleteAgentRows(tx, kind, [id]);
}
