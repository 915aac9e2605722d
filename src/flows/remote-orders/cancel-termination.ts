import { moveOrder } from '../../modules/orders/app/lifecycle.js';
import { lockOrder } from '../../modules/orders/app/lock-order.js';
import { orderNotFoundError } from '../../modules/orders/domain/errors.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { clientFor, offeringSecretsOf } from './context.js';
import { failureMessage } from './errors.js';

/**
 * `cancel_termination` (orders spec §7.21, §17 f): the route has run the action's checks; under the
 * order's lock (so the submit step and pulls cannot interleave) the remote order is rejected with
 * `reject_by_consumer` — any remote failure is a 400 and changes nothing here — and the local order
 * becomes CANCELED through the callback path, which puts the resource back to OK. An order whose
 * termination was not forwarded yet (no `backend_id`) has nothing to abort remotely; the submit step
 * then finds it canceled and never forwards it.
 */
export async function cancelTermination(
  tx: Tx,
  actor: Actor,
  orderId: number,
  reason?: string,
): Promise<void> {
  const o = await lockOrder(tx, orderId);
  // The same 404 as the route's lookup: the order left EXECUTING since the checks ran.
  if (o.state !== 'executing' || o.type !== 'Terminate') throw orderNotFoundError();
  if (o.row.backend_id !== '') {
    try {
      const { client } = clientFor(await offeringSecretsOf(tx, o.row.offering_id));
      await client.rejectByConsumer(o.row.backend_id);
    } catch (err) {
      throw new ValidationError(
        `The remote Waldur refused to cancel the termination: ${failureMessage(err)}`,
        [],
        'remote.cancel_termination_failed',
      );
    }
  }
  await moveOrder(tx, o, {
    to: 'canceled',
    action: 'cancel_termination',
    event: 'callback_canceled',
    actor,
    reason: reason ?? '',
  });
}
