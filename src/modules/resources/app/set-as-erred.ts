import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { lockResource } from './lock-resource.js';
import { moveResource } from './move-resource.js';

/** Body of set_as_erred (the site agent sends both fields; a missing one is stored as ""). */
export interface SetAsErredInput {
  errorMessage?: string | undefined;
  errorTraceback?: string | undefined;
  reason?: string | undefined;
}

/**
 * `set_as_erred` (orders spec §8, §8.1): any state → Erred with the given error fields. A state
 * override, not a backend operation: the resource's orders are left as they are.
 */
export async function setAsErred(tx: Tx, actor: Actor, resourceId: number, input: SetAsErredInput) {
  const r = await lockResource(tx, resourceId);
  const message = input.errorMessage ?? '';
  await moveResource(tx, r, {
    to: 'Erred',
    action: 'set_as_erred',
    actor,
    reason: input.reason,
    errors: { message, traceback: input.errorTraceback ?? '' },
    event: {
      type: EventType.RESOURCE_ERRED_ON_BACKEND,
      level: 'error',
      message: `Resource ${r.row.name} has been marked as erred${message ? `: ${message}` : '.'}`,
    },
  });
  return 'Resource has been marked as erred.';
}
