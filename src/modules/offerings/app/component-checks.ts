import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { type ComponentRow, componentsOf } from '../adapters/pg/component-repository.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { OFFERING_STATE_CODES } from '../domain/offering-type.js';

/**
 * Gate of component edits: OFFERING.UPDATE on the offering's organization only (Waldur grants
 * UPDATE_OFFERING_COMPONENTS to owners and service managers, not to offering managers).
 */
export function authorizeComponentChange(tx: Tx, actor: Actor, offering: OfferingRow): Promise<void> {
  return authorize(tx, actor, Permission.OFFERING_UPDATE, [{ type: 'customer', id: offering.customer_id }]);
}

/** Waldur `validate_offering_update`: an archived offering is frozen (409). */
export function checkOfferingEditable(offering: OfferingRow): void {
  if (offering.state === OFFERING_STATE_CODES.Archived) {
    throw new InvalidStateError('offering.archived', 'It is not possible to update archived offering.');
  }
}

/** The offering's component with this uuid (sent in the body), or 404. */
export async function findOfferingComponent(
  tx: Tx,
  offering: OfferingRow,
  uuid: string,
): Promise<ComponentRow> {
  const c = (await componentsOf(tx, [offering.id])).find((x) => x.uuid === uuid);
  if (!c) throw new NotFoundError('component');
  return c;
}

/** A component type is unique within its offering (400 at /body/type). */
export async function checkTypeFree(
  tx: Tx,
  offering: OfferingRow,
  type: string,
  selfId?: number,
): Promise<void> {
  const taken = (await componentsOf(tx, [offering.id])).some((c) => c.type === type && c.id !== selfId);
  if (taken) {
    throw ValidationError.field(
      '/body/type',
      `The offering already has a component of type ${type}.`,
      'offering.duplicate_component',
    );
  }
}
