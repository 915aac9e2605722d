import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { requireState } from './guards.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';

/** Body of `reject_by_consumer` (§7.8). */
export interface ConsumerRejection {
  consumer_rejection_comment?: string | undefined;
  error_message?: string | undefined;
  error_traceback?: string | undefined;
}

/** `reject_by_consumer` (§7.8): stores the fields, review stamp, REJECTED; resource per §4.2. */
export async function rejectByConsumer(tx: Tx, actor: Actor, orderId: number, body: ConsumerRejection) {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'reject_by_consumer', actor);
  const errors = body.error_message !== undefined || body.error_traceback !== undefined;
  await moveOrder(tx, o, {
    to: 'rejected',
    action: 'reject_by_consumer',
    event: 'rejected',
    actor,
    reason: body.consumer_rejection_comment ?? '',
    set: {
      consumer_reviewed_by: actor.id,
      consumer_reviewed_at: new Date(),
      consumer_rejection_comment: body.consumer_rejection_comment ?? '',
      ...(errors
        ? {
            error_message: body.error_message ?? '',
            error_traceback: body.error_traceback ?? '',
            error_updated_at: new Date(),
          }
        : {}),
    },
  });
}

/** `reject_by_provider` (§7.7): the comment is "communicated to the customer"; REJECTED. */
export async function rejectByProvider(tx: Tx, actor: Actor, orderId: number, comment: string | undefined) {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'reject_by_provider', actor);
  await moveOrder(tx, o, {
    to: 'rejected',
    action: 'reject_by_provider',
    event: 'rejected',
    actor,
    reason: comment ?? '',
    set: {
      provider_reviewed_by: actor.id,
      provider_reviewed_at: new Date(),
      provider_rejection_comment: comment ?? '',
    },
  });
}
