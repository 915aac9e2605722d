import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { retryOrder } from '../../orders/app/retry-order.js';

/**
 * Retry provisioning (tenant spec §6.1): the same use case as `POST /api/marketplace-orders/{uuid}/
 * retry/` on the creation order — the order goes back to EXECUTING with attempt n+1, and its
 * processor (the tenant saga starter) re-checks the tenant under its row lock and starts
 * provisioning attempt n+1. The previous attempts of both stay in their history. The reason goes
 * with the order's retry transition, where the saga starter reads it for the new run (append-only).
 */
export async function retryProvisioning(
  tx: Tx,
  actor: Actor,
  tenant: { id: number; creationOrderId: number },
  reason: string | undefined,
): Promise<void> {
  await retryOrder(tx, actor, tenant.creationOrderId, reason ?? '');
}
