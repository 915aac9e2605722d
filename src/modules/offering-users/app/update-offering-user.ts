import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { updateOfferingUserRow } from '../adapters/pg/offering-user-writes.js';
import { asOfferingUserState, canMove } from '../domain/offering-user-state.js';
import { moveOfferingUser } from './move-offering-user.js';
import { authorizeProvider, type OfferingRef } from './provider-access.js';

/** The offering user a change is about. */
export interface OfferingUserRef {
  id: number;
  state: string;
  offering: OfferingRef;
}

/**
 * `PATCH/PUT /api/marketplace-offering-users/{uuid}/`: the provider sets the username (403 for
 * anyone else). A username given to an account still being created finishes it: the table's
 * `username_set` move to OK, which the site agent relies on after `begin_creating`.
 */
export async function updateOfferingUser(
  tx: Tx,
  actor: Actor,
  ou: OfferingUserRef,
  input: { username?: string | null | undefined },
): Promise<void> {
  await authorizeProvider(tx, actor, ou.offering);
  if (input.username === undefined) return;
  await writeUsername(tx, ou, input.username);
}

/** Stores a username (blank → none) and finishes an account still being created. */
export async function writeUsername(
  tx: Tx,
  ou: { id: number; state: string },
  given: string | null,
): Promise<void> {
  const username = given?.trim() ? given.trim() : null;
  await updateOfferingUserRow(tx, ou.id, { username });
  if (username && canMove('username_set', asOfferingUserState(ou.state)))
    await moveOfferingUser(tx, ou.id, 'username_set');
}
