import type { Tx } from '../../../platform/db/database.js';
import { upsertService } from '../adapters/pg/agent-writes.js';

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
  return upsertService(tx, identityId, input);
}
