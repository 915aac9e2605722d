import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { insertIdentity } from '../adapters/pg/agent-writes.js';

/** What an agent tells about itself when it registers or re-registers. */
export interface IdentityInput {
  offeringId: number;
  name: string;
  version?: string | null | undefined;
  dependencies?: { package: string; version: string }[] | undefined;
  configFilePath?: string | null | undefined;
  configFileContent?: string | null | undefined;
  lastRestarted?: Date | undefined;
}

/** Registers a new agent identity for an offering (the caller was authorized on it); returns its uuid. */
export async function registerIdentity(tx: Tx, actor: Actor, input: IdentityInput): Promise<string> {
  return insertIdentity(tx, {
    offering_id: input.offeringId,
    created_by_id: actor.id,
    name: input.name,
    version: input.version ?? null,
    dependencies: JSON.stringify(input.dependencies ?? []),
    config_file_path: input.configFilePath ?? null,
    config_file_content: input.configFileContent ?? null,
    ...(input.lastRestarted ? { last_restarted: input.lastRestarted } : {}),
  });
}
