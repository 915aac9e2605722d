import { moveOrder } from '../../modules/orders/app/lifecycle.js';
import { type LockedOrder, lockOrder } from '../../modules/orders/app/lock-order.js';
import { completeOrder } from '../../modules/orders/app/outcomes.js';
import { recordBackendId } from '../../modules/resources/api.js';
import type { Tx } from '../../platform/db/database.js';
import type { RemoteOrder } from './client.js';
import { remoteOutcome } from './state-map.js';

/** What applying a pulled remote order did to the local one. */
export type PullResult = 'waiting' | 'done' | 'erred' | 'canceled' | 'resumed' | 'stale' | 'skipped';

const ACTION = 'remote_pull';

/**
 * Applies a freshly pulled remote order to its local order (locked by the caller), through
 * `moveOrder` only. EXECUTING: live → nothing; done → DONE (a CREATE first takes the remote
 * `marketplace_resource_uuid` as resource `backend_id`); erred or an unexpected state → ERRED with
 * the message; canceled/rejected → CANCELED, resource as after a callback cancel (§11.3). ERRED
 * UPDATE/TERMINATE (the daily pull): a remote order live or done again resumes the local one.
 */
export async function applyRemoteOrder(tx: Tx, o: LockedOrder, remote: RemoteOrder): Promise<PullResult> {
  const outcome = remoteOutcome(remote.state, remote.error_message);
  if (o.state === 'erred') {
    if (outcome.kind !== 'live' && outcome.kind !== 'done') return 'skipped';
    o = await moveOrder(tx, o, {
      to: 'executing',
      action: ACTION,
      event: 'resumed',
      actor: null,
      trigger: 'resumed',
    });
    if (outcome.kind === 'live') return 'resumed';
  }
  if (o.state !== 'executing') return 'skipped';
  switch (outcome.kind) {
    case 'live':
      return 'waiting';
    case 'done': {
      const resourceBackendId = remote.marketplace_resource_uuid.replace(/-/g, '');
      if ((o.type === 'Create' || o.type === 'Restore') && o.resource.backend_id !== resourceBackendId) {
        await recordBackendId(tx, o.resource.id, resourceBackendId);
        o = await lockOrder(tx, o.row.id);
      }
      await completeOrder(tx, o, null, ACTION);
      return 'done';
    }
    case 'canceled':
      await moveOrder(tx, o, { to: 'canceled', action: ACTION, event: 'callback_canceled', actor: null });
      return 'canceled';
    case 'erred':
    case 'unexpected':
      await markErred(tx, o, outcome.message);
      return 'erred';
  }
}

/**
 * The remote failed (callbacks "…_failed", §11.3): order ERRED with the remote's message; the
 * resource is ERRED with it too, except after a failed TERMINATE, when it stays usable (OK).
 */
async function markErred(tx: Tx, o: LockedOrder, message: string) {
  await moveOrder(tx, o, {
    to: 'erred',
    action: ACTION,
    event: 'failed',
    actor: null,
    set: { error_message: message, error_traceback: '', error_updated_at: new Date() },
    ...(o.type === 'Terminate' ? {} : { resourceErrors: { message, traceback: '' } }),
  });
}
