import type { Tx } from '../../../platform/db/database.js';
import { upsertProcessor } from '../adapters/pg/agent-writes.js';

/**
 * Registers a processor of a service, or refreshes the one of that name (Waldur answers it with
 * 200): backend type and version are replaced and `last_run` becomes now.
 */
export async function registerProcessor(
  tx: Tx,
  serviceId: number,
  input: { name: string; backendType: string; backendVersion?: string | null | undefined },
): Promise<{ id: number; created: boolean }> {
  return upsertProcessor(tx, serviceId, input);
}
