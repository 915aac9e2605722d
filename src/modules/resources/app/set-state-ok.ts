import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { lockResource, requireResourceState } from './lock-resource.js';
import { moveResource } from './move-resource.js';

/**
 * `set_state_ok` (orders spec §8, §8.1, §17 f): Erred, Creating, Updating or Terminating → OK,
 * keeping the error fields; the backend is not touched and the resource's orders are left alone.
 * The recovery path for a resource stuck in Terminating.
 */
export async function setStateOk(tx: Tx, actor: Actor, resourceId: number, reason?: string) {
  const r = await lockResource(tx, resourceId);
  requireResourceState(r, 'set_state_ok');
  await moveResource(tx, r, {
    to: 'OK',
    action: 'set_state_ok',
    actor,
    reason,
    event: {
      type: EventType.RESOURCE_STATE_SET,
      message: `Resource ${r.row.name} state has been set from ${r.state} to OK.`,
    },
  });
  return 'Resource state has been set to OK.';
}
