import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { terminateResource } from '../../resources/app/terminate-resource.js';

/** Body of Decommission. */
export interface DecommissionInput {
  reason: string;
  forceDestroy: boolean;
}

/**
 * Decommission (tenant spec §6.3): creates the TERMINATE order exactly as the resource's
 * `terminate` does, so the order's approval routing applies; when it enters EXECUTING (at once,
 * or after approval) the tenant saga starter begins the decommission run, with the reason the
 * order's requested event carries. Returns the order uuid.
 */
export async function decommissionTenant(
  tx: Tx,
  actor: Actor,
  tenant: { id: number; resourceId: number },
  input: DecommissionInput,
): Promise<string> {
  return terminateResource(tx, actor, tenant.resourceId, {
    attributes: input.forceDestroy ? { action: 'force_destroy' } : {},
    reason: input.reason,
  });
}
