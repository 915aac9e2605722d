import type { Ability } from '../api/types.js';

/**
 * Whether an action belongs in the caller's menu. The server decides everything; this only sorts
 * its answers: refused for lack of permission (403) or because the action does not exist for this
 * object (404, e.g. Cancel termination on a non-Remote order) → not listed; refused for any other
 * reason (state, offering type) → listed, disabled, with the server's message.
 */
export function isOffered(ability: Ability | undefined): ability is Ability {
  if (!ability) return false;
  if (ability.allowed) return true;
  const reason = ability.reason ?? '';
  return reason !== 'permission_denied' && !reason.endsWith('not_found');
}
