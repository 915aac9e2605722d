import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { deleteHookRow, insertHook, updateHookRow } from '../adapters/pg/hook-writes.js';
import { newHookSecret } from '../domain/signature.js';

/** The scope a hook is limited to: at most one of these. */
export interface HookScope {
  customerId?: number | undefined;
  projectId?: number | undefined;
  offeringId?: number | undefined;
}

/** What a new hook is made of (destination already checked against the address policy). */
export interface NewHook {
  destinationUrl: string;
  eventTypes: string[];
  scope: HookScope;
  description: string;
  isActive: boolean;
}

/** What may change on a hook; the scope is fixed (a new scope is a new subscription). */
export interface HookPatch {
  destinationUrl?: string | undefined;
  eventTypes?: string[] | undefined;
  description?: string | undefined;
  isActive?: boolean | undefined;
}

/**
 * Creates a hook owned by `actor` with a fresh signing secret, returned here and never again. The
 * secret is sealed with the process's secret key: the sender needs it in clear to sign.
 */
export async function createHook(
  tx: Tx,
  actor: Actor,
  input: NewHook,
  secrets: SecretBox,
): Promise<{ uuid: string; secret: string }> {
  const secret = newHookSecret();
  const uuid = await insertHook(tx, {
    user_id: actor.id,
    destination_url: input.destinationUrl,
    event_types: input.eventTypes,
    customer_id: input.scope.customerId ?? null,
    project_id: input.scope.projectId ?? null,
    offering_id: input.scope.offeringId ?? null,
    description: input.description,
    is_active: input.isActive,
    secret_sealed: secrets.seal(secret),
    secret_key_id: secrets.keyId,
  });
  return { uuid, secret };
}

/** Applies a patch to a hook. */
export async function updateHook(tx: Tx, hookId: number, patch: HookPatch): Promise<void> {
  await updateHookRow(tx, hookId, {
    ...(patch.destinationUrl !== undefined ? { destination_url: patch.destinationUrl } : {}),
    ...(patch.eventTypes !== undefined ? { event_types: patch.eventTypes } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.isActive !== undefined ? { is_active: patch.isActive } : {}),
  });
}

/** Replaces a hook's secret; deliveries signed from now on use the new one. */
export async function rotateHookSecret(tx: Tx, hookId: number, secrets: SecretBox): Promise<string> {
  const secret = newHookSecret();
  await updateHookRow(tx, hookId, { secret_sealed: secrets.seal(secret), secret_key_id: secrets.keyId });
  return secret;
}

/** Deletes a hook and its delivery log. */
export async function deleteHook(tx: Tx, hookId: number): Promise<void> {
  await deleteHookRow(tx, hookId);
}
