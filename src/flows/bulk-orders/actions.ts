import type { BulkAction } from '../../modules/bulk-jobs/domain/bulk-job.js';
import type { Actor } from '../../modules/identity/domain/actor.js';
import { approveByConsumer } from '../../modules/orders/app/approve-by-consumer.js';
import { approveByProvider } from '../../modules/orders/app/approve-by-provider.js';
import { cancelOrder } from '../../modules/orders/app/cancel-order.js';
import type { OrderPorts } from '../../modules/orders/app/processing-port.js';
import { rejectByConsumer, rejectByProvider } from '../../modules/orders/app/reject-order.js';
import { retryOrder } from '../../modules/orders/app/retry-order.js';
import { setStateDone } from '../../modules/orders/app/set-order-state.js';
import type { Tx } from '../../platform/db/database.js';

/** Runs one action's use case on one order, as its single route does with a `reason` body. */
type Runner = (tx: Tx, actor: Actor, ports: OrderPorts, orderId: number, reason: string) => Promise<unknown>;

/** The use case of each bulk action: the same calls `order-action-routes.ts` makes. */
export const BULK_RUNNERS: Record<BulkAction, Runner> = {
  approve_by_provider: (tx, actor, ports, id, reason) =>
    approveByProvider(tx, actor, ports, id, undefined, reason || undefined),
  reject_by_provider: (tx, actor, _ports, id, reason) => rejectByProvider(tx, actor, id, reason || undefined),
  approve_by_consumer: (tx, actor, ports, id, reason) =>
    approveByConsumer(tx, actor, ports, id, reason || undefined),
  reject_by_consumer: (tx, actor, _ports, id, reason) =>
    rejectByConsumer(tx, actor, id, reason ? { consumer_rejection_comment: reason } : {}),
  cancel: (tx, actor, _ports, id, reason) => cancelOrder(tx, actor, id, reason || undefined),
  retry: (tx, actor, ports, id, reason) => retryOrder(tx, actor, ports, id, reason || undefined),
  set_state_done: (tx, actor, _ports, id, reason) => setStateDone(tx, actor, id, reason || undefined),
};
