import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { authorize, requireStaff } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { updateOfferingRow } from '../adapters/pg/offering-writes.js';
import {
  applyOfferingAction,
  type OfferingAction,
  type OfferingState,
  offeringStateFromCode,
  offeringStateToCode,
} from '../domain/offering-type.js';
import { offeringScopes } from './update-offering.js';

/** The lifecycle actions exposed over HTTP (contract §3). */
export const HTTP_OFFERING_ACTIONS = ['activate', 'pause', 'unpause', 'archive'] as const;
/** One HTTP lifecycle action. */
export type HttpOfferingAction = (typeof HTTP_OFFERING_ACTIONS)[number];

/** The `detail` text of each action's answer. */
export const ACTION_DETAILS: Record<HttpOfferingAction, string> = {
  activate: 'Offering has been activated.',
  pause: 'Offering has been paused.',
  unpause: 'Offering has been unpaused.',
  archive: 'Offering has been archived.',
};

/** Who may run an action: activation is staff-only (contract §3); the rest need OFFERING.UPDATE. */
export async function authorizeOfferingAction(
  tx: Tx,
  actor: Actor,
  offering: OfferingRow,
  action: HttpOfferingAction,
): Promise<void> {
  if (action === 'activate') requireStaff(actor);
  else await authorize(tx, actor, Permission.OFFERING_UPDATE, offeringScopes(offering));
}

async function hasPlans(tx: Tx, offeringId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('plans')
    .select('id')
    .where('offering_id', '=', offeringId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The state validator (409), run before the body is read: may `action` start from the offering's state? */
export async function checkOfferingAction(
  tx: Tx,
  offering: OfferingRow,
  action: OfferingAction,
): Promise<void> {
  applyOfferingAction(action, offeringStateFromCode(offering.state), await hasPlans(tx, offering.id));
}

/**
 * Runs a lifecycle action on the row locked FOR UPDATE, so a concurrent action cannot slip between
 * the check and the write; the state table decides again on the locked state. Pausing records the
 * reason; leaving Paused clears it.
 */
export async function runOfferingAction(
  tx: Tx,
  offering: OfferingRow,
  action: OfferingAction,
  pausedReason?: string,
): Promise<OfferingState> {
  const locked = await tx
    .selectFrom('offerings')
    .select('state')
    .where('id', '=', offering.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const to = applyOfferingAction(
    action,
    offeringStateFromCode(locked.state),
    await hasPlans(tx, offering.id),
  );
  await updateOfferingRow(tx, offering.id, {
    state: offeringStateToCode(to),
    paused_reason: to === 'Paused' ? (pausedReason ?? '') : '',
  });
  return to;
}
