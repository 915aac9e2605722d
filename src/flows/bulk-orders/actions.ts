import type { BulkAction } from '../../modules/bulk-jobs/domain/bulk-job.js';
import { approveByConsumer } from '../../modules/orders/app/approve-by-consumer.js';
import { approveByProvider } from '../../modules/orders/app/approve-by-provider.js';
import { cancelOrder } from '../../modules/orders/app/cancel-order.js';
import { rejectByConsumer, rejectByProvider } from '../../modules/orders/app/reject-order.js';
import { retryOrder } from '../../modules/orders/app/retry-order.js';
import { setStateDone } from '../../modules/orders/app/set-order-state.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';

/** Runs one action's use case on one order, as its single route does with a `reason` body. */
type Runner = (tx: Tx, actor: Actor, orderId: number, reason: string) => Promise<unknown>;

/** The use case of each bulk action: the same calls `order-action-routes.ts` makes. */
export const BULK_RUNNERS: Record<BulkAction, Runner> = {
  approve_by_provider: (tx, actor, id, reason) =>
    approveByProvider(tx, actor, id, undefined, reason || undefined),
  reject_by_provider: (tx, actor, id, reason) => rejectByProvider(tx, actor, id, reason || undefined),
  approve_by_consumer: (tx, actor, id, reason) => approveByConsumer(tx, actor, id, reason || undefined),
  reject_by_consumer: (tx, actor, id, reason) =>
    rejectByConsumer(tx, actor, id, reason ? { consumer_rejection_comment: reason } : {}),
  cancel: (tx, actor, id, reason) => cancelOrder(tx, actor, id, reason || undefined),
  retry: (tx, actor, id, reason) => retryOrder(tx, actor, id, reason || undefined),
  set_state_done: (tx, actor, id, reason) => setStateDone(tx, actor, id, reason || undefined),
};
