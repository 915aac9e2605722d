import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { asOfferingUserState, nextState, type OfferingUserAction } from '../domain/offering-user-state.js';
import { moveOfferingUser, type TransitionComment } from './move-offering-user.js';
import { authorizeProvider } from './provider-access.js';
import type { OfferingUserRef } from './update-offering-user.js';

/**
 * `POST /api/marketplace-offering-users/{uuid}/<action>/` (begin_creating, set_ok, set_pending_…,
 * set_error_…, request_deletion, set_deleting, set_deleted): provider permission (403), then the
 * transition table (409).
 */
export async function runOfferingUserAction(
  tx: Tx,
  actor: Actor,
  ou: OfferingUserRef,
  action: OfferingUserAction,
  note: TransitionComment = {},
): Promise<void> {
  await authorizeProvider(tx, actor, ou.offering);
  await moveOfferingUser(tx, ou.id, action, note);
}

/** The gate before the body is read: provider permission (403), then the state table (409). */
export async function checkOfferingUserAction(
  tx: Tx,
  actor: Actor,
  ou: OfferingUserRef,
  action: OfferingUserAction,
): Promise<void> {
  await authorizeProvider(tx, actor, ou.offering);
  nextState(action, asOfferingUserState(ou.state));
}
