import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { lockResource } from './lock-resource.js';
import { moveResource } from './move-resource.js';

/**
 * `set_as_ok` (orders spec §8): "if not OK: → OK, clears error fields". An OK resource is left
 * alone (OK → OK is not an edge, §4.1), so nothing is recorded for it; Terminated cannot reach OK
 * and was refused by the route's checks.
 */
export async function setAsOk(tx: Tx, actor: Actor, resourceId: number, reason?: string) {
  const r = await lockResource(tx, resourceId);
  if (r.state === 'OK') return 'Resource is already OK.';
  await moveResource(tx, r, {
    to: 'OK',
    action: 'set_as_ok',
    actor,
    reason,
    errors: null,
    event: {
      type: EventType.RESOURCE_STATE_SET,
      message: `Resource ${r.row.name} has been marked as OK; errors have been cleared.`,
    },
  });
  return 'Resource has been marked as OK.';
}
