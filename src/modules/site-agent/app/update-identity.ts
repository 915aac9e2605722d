import type { Tx } from '../../../platform/db/database.js';
import { updateIdentityRow } from '../adapters/pg/agent-writes.js';
import type { IdentityInput } from './register-identity.js';

/**
 * Updates an identity (PUT on restart, or PATCH): fields left out keep their value. The offering
 * is never changed here; the route refuses a different one.
 */
export async function updateIdentity(
  tx: Tx,
  identityId: number,
  input: Partial<Omit<IdentityInput, 'offeringId'>>,
): Promise<void> {
  await updateIdentityRow(tx, identityId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.version !== undefined ? { version: input.version } : {}),
    ...(input.dependencies !== undefined ? { dependencies: JSON.stringify(input.dependencies) } : {}),
    ...(input.configFilePath !== undefined ? { config_file_path: input.configFilePath } : {}),
    ...(input.configFileContent !== undefined ? { config_file_content: input.configFileContent } : {}),
    ...(input.lastRestarted !== undefined ? { last_restarted: input.lastRestarted } : {}),
  });
}
